// Counts what the page holds that a widget could leak: listeners on the
// window, the document and every element (by type), live intervals and
// pending timeouts. Loaded before kibitz.js; read by api.test.mjs.
(function () {
  var live = new Map();
  var key = function (target, type) {
    var name = target === window ? 'window' : target === document ? 'document' : 'element';
    return name + ':' + type;
  };
  var add = EventTarget.prototype.addEventListener;
  var remove = EventTarget.prototype.removeEventListener;
  var seen = new WeakMap();
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    var once = typeof options === 'object' && options !== null && options.once;
    var bucket = seen.get(this) || new Map();
    seen.set(this, bucket);
    var id = type + (capture ? '/c' : '');
    var listeners = bucket.get(id) || new Set();
    bucket.set(id, listeners);
    if (listener && !once && !listeners.has(listener)) {
      listeners.add(listener);
      live.set(key(this, type), (live.get(key(this, type)) || 0) + 1);
    }
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    var listeners = (seen.get(this) || new Map()).get(type + (capture ? '/c' : ''));
    if (listeners && listeners.delete(listener)) live.set(key(this, type), live.get(key(this, type)) - 1);
    return remove.call(this, type, listener, options);
  };
  var intervals = new Set();
  var setI = window.setInterval, clearI = window.clearInterval;
  window.setInterval = function () { var id = setI.apply(window, arguments); intervals.add(id); return id; };
  window.clearInterval = function (id) { intervals.delete(id); return clearI.call(window, id); };
  window.__ledger = function () {
    var out = { intervals: intervals.size };
    live.forEach(function (n, k) { if (k.indexOf('window:') === 0 || k.indexOf('document:') === 0) out[k] = n; });
    return out;
  };
})();
