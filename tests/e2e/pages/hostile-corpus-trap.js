// The trap of pages/hostile-corpus.html, a classic script that runs before
// kibitz.js. Everything a corpus payload could do if it ever ran is turned
// into a line in window.__trap, and nothing of it is carried out:
//   - alert, confirm, prompt, print, open (the usual markers, e.g. alert(1));
//   - eval, Function (also reached as [].constructor.constructor), and the
//     async and generator function constructors;
//   - setTimeout / setInterval with a string;
//   - document.write / writeln;
//   - window.__pwned = …, the marker of the other hostile fixtures;
//   - beforeunload, pagehide, hashchange, popstate and navigation API
//     'navigate' events: any attempt to leave or change the page;
//   - elements that load or run things, or hijack the page, added anywhere
//     (script, iframe, frame, object, embed, form, base, meta, link except
//     the loader's #kibitz-style, style, portal, applet, frameset), and on
//     any element added or changed: event-handler attributes, srcdoc,
//     formaction, and URL attributes (href, src, action…) whose scheme is
//     javascript:, vbscript: or data:. The host's own markup carries
//     data-host and is skipped.
(function () {
  'use strict';
  var trap = [];
  Object.defineProperty(window, '__trap', { value: trap });
  var note = function (kind, detail) {
    var text;
    try {
      text = String(detail);
    } catch (e) {
      text = '(unprintable)';
    }
    trap.push(kind + ': ' + text.slice(0, 300));
  };

  ['alert', 'confirm', 'prompt', 'print', 'open'].forEach(function (name) {
    window[name] = function () {
      note(name, Array.prototype.join.call(arguments, ', '));
      return name === 'confirm' ? false : null;
    };
  });
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: function () { return undefined; },
    set: function (value) { note('__pwned', value); },
  });

  // Playwright's page.evaluate runs `globalThis.eval(source)` from its
  // UtilityScript in this world: the test's own calls pass through to the
  // real eval / Function. Anything else is recorded and not run.
  // Only a direct call from it counts: stack line 0 is the message, 1 this
  // function, 2 the wrapper, 3 its caller.
  var fromTestDriver = function () {
    var caller = String(new Error().stack).split('\n')[3] || '';
    return /^\s*at UtilityScript\.\w+ \(<anonymous>:\d+:\d+\)$/.test(caller);
  };
  var realEval = window.eval;
  window.eval = function (code) {
    if (fromTestDriver()) return realEval(code);
    note('eval', code);
    return undefined;
  };
  var RealFunction = Function;
  var fakeConstructor = function (name, real) {
    var fake = function () {
      if (fromTestDriver()) return real.apply(this, arguments);
      note(name, Array.prototype.join.call(arguments, ', '));
      return function () {};
    };
    return fake;
  };
  var FakeFunction = fakeConstructor('Function', RealFunction);
  FakeFunction.prototype = RealFunction.prototype;
  window.Function = FakeFunction;
  Object.defineProperty(RealFunction.prototype, 'constructor', { value: FakeFunction, writable: true, configurable: true });
  [
    ['AsyncFunction', Object.getPrototypeOf(async function () {})],
    ['GeneratorFunction', Object.getPrototypeOf(function* () {})],
  ].forEach(function (pair) {
    var fake = fakeConstructor(pair[0], pair[1].constructor);
    Object.defineProperty(pair[1], 'constructor', { value: fake, writable: true, configurable: true });
  });

  ['setTimeout', 'setInterval'].forEach(function (name) {
    var real = window[name];
    window[name] = function (handler) {
      if (typeof handler !== 'function') {
        note(name + '(string)', handler);
        return 0;
      }
      return real.apply(this, arguments);
    };
  });

  ['write', 'writeln'].forEach(function (name) {
    Document.prototype[name] = function () {
      note('document.' + name, Array.prototype.join.call(arguments, ''));
    };
  });

  ['beforeunload', 'pagehide', 'hashchange', 'popstate'].forEach(function (type) {
    window.addEventListener(type, function () { note(type, location.href); });
  });
  if (window.navigation && typeof window.navigation.addEventListener === 'function') {
    window.navigation.addEventListener('navigate', function (event) {
      note('navigate', event.destination && event.destination.url);
    });
  }

  var ACTIVE = 'script, iframe, frame, frameset, object, embed, form, base, meta, link, style, portal, applet';
  var describe = function (el) {
    var text = '<' + el.tagName.toLowerCase();
    for (var i = 0; i < el.attributes.length; i++) {
      text += ' ' + el.attributes[i].name + '="' + el.attributes[i].value + '"';
    }
    return text + '>';
  };
  // Attributes that hold a URL a browser may load or navigate to.
  var URL_ATTRIBUTES = [
    'href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'codebase',
    'cite', 'srcset', 'ping', 'lowsrc', 'dynsrc', 'icon', 'manifest', 'longdesc', 'archive', 'content',
  ];
  var badAttribute = function (attr) {
    var name = attr.name.toLowerCase();
    if (name.indexOf('on') === 0 || name === 'srcdoc' || name === 'formaction') return true;
    if (URL_ATTRIBUTES.indexOf(name) === -1) return false;
    // A URL that runs script or carries a document: judged by its scheme,
    // as the browser parses it, and (for lists such as srcset, or text that
    // the URL parser rejects) after dropping what browsers ignore in a
    // scheme, white space and controls.
    var scheme = /^(javascript|vbscript|data):/;
    var protocol = '';
    try {
      protocol = new URL(attr.value, document.baseURI).protocol;
    } catch (e) {
      protocol = '';
    }
    var value = attr.value.replace(/[\u0000-\u0020\u007f-\u009f\s]+/g, '').toLowerCase();
    return scheme.test(protocol) || scheme.test(value);
  };
  var loaderLink = function (el) {
    return el.matches('link#kibitz-style');
  };
  var inspect = function (el) {
    if (el.hasAttribute('data-host')) return;
    if (el.matches(ACTIVE) && !loaderLink(el)) {
      note('element', describe(el));
    }
    for (var i = 0; i < el.attributes.length; i++) {
      if (badAttribute(el.attributes[i])) note('attribute', describe(el));
    }
  };
  var observer = new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === 'attributes') {
        var attr = record.target.getAttributeNode(record.attributeName);
        if (attr && badAttribute(attr)) note('attribute', describe(record.target));
        return;
      }
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        inspect(node);
        node.querySelectorAll('*').forEach(inspect);
      });
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();
