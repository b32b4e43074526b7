import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';

captureToken();
initI18n(navigator.language.split('-')[0] === 'en' ? 'en' : 'en');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
