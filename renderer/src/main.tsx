import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';

captureToken();
// English is the only complete language so far; i18next falls back to it key by key.
initI18n('en');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
