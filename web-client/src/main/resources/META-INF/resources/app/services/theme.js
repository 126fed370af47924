// The colour theme: dark (the default), light, or the system's (prefers-color-scheme), chosen per
// person and kept in this browser (localStorage, keyed by username). The page's root carries the
// resolved theme as data-theme; app.css holds both palettes. theme-boot.js applies it before paint.
import { appStore } from '../state/app-store.js';

export const THEMES = ['dark', 'light', 'system'];
const KEY = 'wfchat.theme:';
const LAST_USER = 'wfchat.theme.user';
const THEME_COLOR = { dark: '#1e1f22', light: '#f2f3f5' };
const systemLight = matchMedia('(prefers-color-scheme: light)');

let choice = 'dark';

/** The person's choice, 'dark' when none or unreadable. */
export function themeChoice(username) {
  try {
    const saved = localStorage.getItem(KEY + username);
    return THEMES.includes(saved) ? saved : 'dark';
  } catch {
    return 'dark';
  }
}

/** Saves the person's choice and applies it. */
export function chooseTheme(username, chosen) {
  if (!THEMES.includes(chosen)) {
    return;
  }
  try {
    localStorage.setItem(KEY + username, chosen);
    localStorage.setItem(LAST_USER, username);
  } catch {
    // storage full or refused: applied for this page only
  }
  applyTheme(chosen);
}

/** 'light' or 'dark': what the page shows now. */
export function currentTheme() {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

export function applyTheme(chosen) {
  choice = chosen;
  const light = chosen === 'light' || (chosen === 'system' && systemLight.matches);
  const resolved = light ? 'light' : 'dark';
  document.documentElement.dataset.theme = resolved;
  document.querySelector('meta[name=theme-color]')?.setAttribute('content', THEME_COLOR[resolved]);
}

/** From now on the page wears the signed-in person's theme (and the system's, when they chose that). */
export function followSignedInUser() {
  systemLight.addEventListener('change', () => choice === 'system' && applyTheme('system'));
  const store = appStore();
  let following;
  store.subscribe(() => {
    const username = store.user?.username;
    if (username && username !== following) {
      following = username;
      try {
        localStorage.setItem(LAST_USER, username);
      } catch {
        // the next page load starts dark, then turns
      }
      applyTheme(themeChoice(username));
    }
  });
}
