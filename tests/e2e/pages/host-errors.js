// A host script with bugs of its own: it throws while the page loads and
// again from a timer. kibitz must not care.
window.__hostScriptRan = true;
setTimeout(function () {
  null.hostTimerBug();
}, 0);
throw new Error('host script failed while loading');
