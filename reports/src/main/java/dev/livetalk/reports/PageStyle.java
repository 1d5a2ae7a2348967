package dev.livetalk.reports;

import java.awt.Color;
import java.util.Locale;

/**
 * The inline style sheet and scripts of {@code index.html}: no network, no framework.
 * {@link #ERROR_CAPTURE} runs first and records script errors, failed loads and
 * {@code console.error} calls; {@link #IMAGE_CHECK} runs last and writes into
 * {@code #report-check} whether every image loaded and nothing went wrong (headless checks
 * read it; a person sees it only when something failed).
 *
 * <p>Constants; any thread.
 */
final class PageStyle {
    static final String CSS = """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1280px;
                   padding: 0 20px 40px; color: #222; }
            h1 { margin: 18px 0 6px; } h2 { margin-top: 34px; border-bottom: 2px solid #ddd; } h3 { margin: 22px 0 8px; }
            nav { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #eee; z-index: 1; }
            nav a { text-decoration: none; } a.bad { color: #b3261e; font-weight: 600; } a.ok { color: #1b5e20; }
            .verdict { display: inline-block; padding: 6px 14px; border-radius: 6px; font-weight: 700; font-size: 18px; }
            .verdict.pass { background: #e6f4ea; color: #1b5e20; } .verdict.fail { background: #fce8e6; color: #b3261e; }
            .note { color: #555; font-size: 13px; } .missing { color: #8a6d00; background: #fff8e1; padding: 6px 10px;
                   border-left: 3px solid #f0c000; font-size: 13px; }
            table.figures { border-collapse: collapse; margin: 8px 0; font-size: 13px; max-width: 100%; }
            table.figures th, table.figures td { border: 1px solid #ddd; padding: 3px 7px; vertical-align: top;
                   overflow-wrap: anywhere; }
            table.figures th { background: #f5f5f5; text-align: left; overflow-wrap: normal; }
            table.figures th.group { text-align: center; } td.num { text-align: right; white-space: nowrap; }
            td.bad, span.bad { color: #b3261e; font-weight: 600; } tr.first td { border-top: 2px solid #bbb; }
            .budget { display: inline-block; margin: 1px 3px 1px 0; padding: 0 5px; border-radius: 4px; font-size: 12px; }
            .budget.ok { background: #e6f4ea; color: #1b5e20; } .budget.bad { background: #fce8e6; color: #b3261e; }
            .none { color: #999; } .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px;
                   border-radius: 2px; }
            .charts { display: flex; flex-wrap: wrap; gap: 10px; }
            .charts figure { flex: 1 1 calc(50% - 10px); min-width: 420px; margin: 0; } .charts img { width: 100%; height: auto; }
            td.strategy { white-space: nowrap; } td.best { background: #e6f4ea; color: #1b5e20; }
            figure { margin: 6px 0; } figcaption { font-size: 12px; color: #555; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; box-sizing: border-box; }
            details > summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
            tr.story > td { border-top: none; padding-top: 0; } tr.story summary { font-weight: normal; font-size: 12px; }
            tr.story pre { font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
            .badge { font-size: 14px; padding: 2px 8px; border-radius: 4px; margin-left: 8px; vertical-align: middle; }
            .badge.pass { background: #e6f4ea; color: #1b5e20; } .badge.fail { background: #fce8e6; color: #b3261e; }
            #report-check { display: none; } #report-check[data-state="failed"] { display: block; white-space: pre;
                   color: #b3261e; border: 2px solid #b3261e; padding: 8px; margin-top: 20px; }
            """;

    static final String ERROR_CAPTURE = """
            window.reportErrors = [];
            window.addEventListener('error', function (e) {
              var t = e.target;
              var what = t && t !== window && (t.src || t.href) ? 'failed to load ' + (t.src || t.href) : String(e.message);
              window.reportErrors.push(what);
            }, true);
            (function () {
              var original = console.error;
              console.error = function () {
                window.reportErrors.push(Array.prototype.join.call(arguments, ' '));
                return original.apply(console, arguments);
              };
            })();
            """;

    static final String IMAGE_CHECK = """
            (function () {
              function check() {
                var images = document.images, broken = [];
                for (var i = 0; i < images.length; i++) {
                  if (!images[i].complete || images[i].naturalWidth === 0) { broken.push('broken image ' + images[i].getAttribute('src')); }
                }
                var marker = document.getElementById('report-check');
                var ok = broken.length === 0 && window.reportErrors.length === 0;
                marker.setAttribute('data-state', ok ? 'ok' : 'failed');
                marker.setAttribute('data-images', String(images.length));
                marker.setAttribute('data-broken', String(broken.length));
                marker.setAttribute('data-errors', String(window.reportErrors.length));
                marker.setAttribute('data-sections', String(document.querySelectorAll('section.scenario').length));
                marker.textContent = broken.concat(window.reportErrors).join('\\n');
              }
              if (document.readyState === 'complete') { check(); } else { window.addEventListener('load', check); }
            })();
            """;

    private PageStyle() {
    }

    /** {@code #rrggbb} of a colour. */
    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
