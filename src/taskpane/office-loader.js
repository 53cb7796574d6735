/**
 * office.js, only where the page can be inside Office (issue #15, point 5).
 *
 * taskpane.html is both the add-in's pane and the standalone page (taskpane.html?standalone).
 * The standalone page is never in Office: it must not wait for Microsoft's CDN (an intranet
 * firewall that drops the request left it blank for 21 s) nor make any request off the page.
 *
 * Microsoft's docs ("Referencing the Office JavaScript API library",
 * https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn)
 * require office.js to be referenced "from inside the <head> section of the page to ensure that
 * the API is fully initialized prior to any body elements". This classic, parser-blocking script
 * sits in <head> and, unless the URL asks for the standalone page, writes the office.js <script>
 * right after itself with document.write: the parser then loads and runs office.js before it
 * reaches <body>, exactly as a static tag would. Under ?standalone nothing is written, so the
 * browser never learns the office.js address (not even its preload scanner).
 *
 * The office.js URL comes from this tag's data-office-js (set by webpack.config.js: the CDN,
 * OFFICE_JS=local or the e2e stand-in). Plain ES5 with no URLSearchParams: it must parse in every
 * webview Office uses. `standaloneRequested` must agree with src/taskpane/standalone/mode.ts
 * (test/addin/office-loader.test.ts checks both on the same queries).
 */
(function (root) {
  'use strict';

  /** Same rule as mode.ts: `?standalone` with any value but 0/false/no. */
  function standaloneRequested(search) {
    var query = String(search || '').replace(/^\?/, '');
    if (!query) return false;
    var parts = query.split('&');
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      var name = decodePart(eq < 0 ? parts[i] : parts[i].slice(0, eq));
      if (name !== 'standalone') continue;
      // URLSearchParams.get returns the first value.
      var value = eq < 0 ? '' : decodePart(parts[i].slice(eq + 1));
      return !/^(0|false|no)$/i.test(value);
    }
    return false;
  }

  function decodePart(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch (e) {
      return text;
    }
  }

  function escapeAttribute(text) {
    return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  /**
   * The standalone page's own chunks (data-standalone-chunks, from the build) are fetched at once,
   * beside the pane's bundles, instead of after them when the pane asks for them: the start page
   * shows sooner. Inside Office nothing is preloaded (Excel never downloads them).
   */
  function preloadStandalone(doc, tag) {
    var files = ((tag && tag.getAttribute('data-standalone-chunks')) || '').split(' ');
    for (var i = 0; i < files.length; i++) {
      if (!/^[\w.-]+\.js$/.test(files[i])) continue;
      var link = doc.createElement('link');
      link.rel = 'preload';
      link.as = 'script';
      link.href = files[i];
      doc.head.appendChild(link);
    }
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { standaloneRequested: standaloneRequested };
    return;
  }

  var doc = root.document;
  var tag = doc.currentScript || doc.getElementById('office-js-loader');
  var url = tag && tag.getAttribute('data-office-js');
  if (standaloneRequested(root.location.search)) {
    preloadStandalone(doc, tag);
    return;
  }
  if (!url) return;
  doc.write('<script src="' + escapeAttribute(url) + '"></scr' + 'ipt>');
})(typeof window !== 'undefined' ? window : this);
