// Applies the saved theme (light, dark or the system's) before the first paint.
try {
  const saved = localStorage.getItem('plein.theme');
  if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
} catch {
  // Storage may be blocked; the system's preference applies then.
}
