// Applies the last signed-in person's theme before the page first paints (a classic script in the
// head: the Content-Security-Policy allows no inline one). services/theme.js takes over once the
// app runs; the key names and the colours of the theme-color meta are the same there.
(function () {
  var choice = 'dark';
  try {
    var user = localStorage.getItem('wfchat.theme.user');
    choice = (user && localStorage.getItem('wfchat.theme:' + user)) || 'dark';
  } catch (e) { /* storage refused: the default */ }
  var light = choice === 'light' || (choice === 'system' && matchMedia('(prefers-color-scheme: light)').matches);
  document.documentElement.dataset.theme = light ? 'light' : 'dark';
  var meta = document.querySelector('meta[name=theme-color]');
  if (meta) {
    meta.content = light ? '#f2f3f5' : '#1e1f22';
  }
}());
