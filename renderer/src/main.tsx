import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';

captureToken();
// The screens open in the language last chosen here (else the browser's, else English); the
// signed-in person's own choice follows (App.tsx).
initI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
