// Layout check of index.html, injected by IndexPageIT into a copy of the page: after every image
// has loaded, finds what does not fit the window (1400 px in the test) and writes it into a
// pre element of id layout-check (attribute data-findings: how many, one finding a line), which
// `chromium --dump-dom` returns.
//  - the page scrolls sideways (the document is wider than the window);
//  - an element's box reaches past the window's right or left edge;
//  - an element's content is wider than its box (scrollWidth > clientWidth): text clipped where
//    its overflow is hidden or clip, a scroll bar inside the page where it is auto or scroll,
//    content spilling out where it is visible;
//  - an element reaches past the content box of the element that holds it.
// Every <details> is opened first, as a reader may; elements not rendered (display: none) are
// passed by.
(function () {
  var SLACK = 1; // px: sub-pixel rounding
  var LIMIT = 60;

  function describe(el) {
    var text = el.tagName.toLowerCase();
    if (el.id) { text += '#' + el.id; }
    if (el.className && typeof el.className === 'string') { text += '.' + el.className.trim().split(/\s+/).join('.'); }
    var section = el.closest('section[id]');
    var words = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return text + (section ? ' in #' + section.id : '') + (words ? ' "' + words + '"' : '');
  }

  function rendered(el) {
    return el.getClientRects().length > 0;
  }

  function check() {
    var findings = [];
    var height = document.documentElement.scrollHeight; // as the page opens, for a screenshot
    var details = document.getElementsByTagName('details');
    for (var d = 0; d < details.length; d++) { details[d].open = true; }
    var root = document.documentElement;
    var viewport = root.clientWidth;
    if (root.scrollWidth > viewport + SLACK) {
      findings.push('the page scrolls sideways: ' + root.scrollWidth + ' px wide in a ' + viewport + ' px window');
    }
    var all = document.body.getElementsByTagName('*');
    for (var i = 0; i < all.length && findings.length < LIMIT; i++) {
      var el = all[i];
      if (el.id === 'layout-check' || !rendered(el)) { continue; }
      var style = getComputedStyle(el);
      var box = el.getBoundingClientRect();
      if (box.right > viewport + SLACK || box.left < -SLACK) {
        findings.push(describe(el) + ' reaches past the window: ' + Math.round(box.left) + '..' + Math.round(box.right)
            + ' px of ' + viewport);
        continue;
      }
      if (style.display !== 'inline' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + SLACK) {
        var how = style.overflowX === 'hidden' || style.overflowX === 'clip' ? 'clips its text'
            : style.overflowX === 'visible' ? 'spills out of its box' : 'scrolls sideways inside the page';
        findings.push(describe(el) + ' ' + how + ': content ' + el.scrollWidth + ' px in ' + el.clientWidth + ' px');
        continue;
      }
      var parent = el.parentElement;
      if (parent && parent !== document.body && style.position !== 'absolute' && style.position !== 'fixed'
          && getComputedStyle(parent).display !== 'inline') {
        var p = parent.getBoundingClientRect();
        var ps = getComputedStyle(parent);
        var inner = p.right - parseFloat(ps.borderRightWidth) - parseFloat(ps.paddingRight);
        if (box.right > inner + SLACK && box.width > 0) {
          findings.push(describe(el) + ' reaches past its container ' + describe(parent) + ': right edge '
              + Math.round(box.right) + ' px > ' + Math.round(inner) + ' px');
        }
      }
    }
    var out = document.createElement('pre');
    out.id = 'layout-check';
    out.setAttribute('data-findings', String(findings.length));
    out.setAttribute('data-viewport', String(viewport));
    out.setAttribute('data-height', String(height));
    out.textContent = findings.join('\n');
    document.body.appendChild(out);
  }

  if (document.readyState === 'complete') { check(); } else { window.addEventListener('load', check); }
})();
