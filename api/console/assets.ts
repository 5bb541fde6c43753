// The console's one stylesheet and one small script, served from /console/assets (the CSP allows
// only these: no inline script or style). Everything works without the script; it adds the
// keyboard shortcuts and the help overlay. Colours keep at least 4.5:1 contrast (WCAG AA).
import crypto from 'node:crypto';

export const consoleCss = `
*{box-sizing:border-box}
html{font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","DejaVu Sans",sans-serif;color:#1b2430;background:#f3f4f6}
body{margin:0}
a{color:#0b4fb3}
a:focus,button:focus,input:focus,select:focus,textarea:focus,tr:focus-within{outline:3px solid #f0a000;outline-offset:1px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header{background:#14213d;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header a{color:#fff}
header .app{font-weight:700;margin-inline-end:1rem}
header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;margin:0;padding:0}
header nav a[aria-current=page]{text-decoration-thickness:3px}
header form{display:inline}
header .who{margin-inline-start:auto}
header button{background:#fff;color:#14213d;border:0;border-radius:.3rem;padding:.25rem .6rem;cursor:pointer}
header input[type=search]{width:12rem;padding:.2rem .4rem;border-radius:.3rem;border:1px solid #9aa5b1}
header label.inline{display:inline;font-weight:400;margin:0}
main{max-width:78rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:0 0 .6rem}
h3{font-size:1rem;margin:.6rem 0 .4rem}
.card{background:#fff;border:1px solid #d5d9de;border-radius:.5rem;padding:.9rem 1rem;margin:0 0 1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:start;padding:.4rem .5rem;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#e9ecf1;font-weight:600}
.badge{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:.8rem;font-weight:600;margin:0 .2rem .2rem 0;white-space:nowrap}
.b-overdue{background:#9b1c1c;color:#fff}
.b-due-soon{background:#8a4b00;color:#fff}
.b-stage{background:#1d4f7a;color:#fff}
.b-approval{background:#5b2a86;color:#fff}
.b-message{background:#0b5e4a;color:#fff}
.b-task-overdue{background:#7a1f4f;color:#fff}
.b-attention{background:#5c4300;color:#fff}
ul.plain{list-style:none;margin:0;padding:0}
.req{color:#9b1c1c;font-weight:700}
.hint{margin:0 0 .15rem;font-size:.85rem;color:#4b5563}
.subject{color:#374151}
.pager{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.8rem 0}
ol.thread{list-style:none;margin:0;padding:0}
ol.thread li.msg{border:1px solid #d5d9de;border-radius:.5rem;padding:.5rem .8rem;margin:0 0 .6rem;max-width:92%}
ol.thread li.in{background:#f8f9fb;margin-inline-end:auto}
ol.thread li.out{background:#eef4fb;margin-inline-start:auto}
ol.thread .meta{margin:0 0 .2rem;font-size:.85rem;color:#4b5563}
ol.thread .words{white-space:pre-wrap;margin:.2rem 0}
ol.thread .subject{font-weight:600;margin:.2rem 0}
ol.thread ul.files{margin:.2rem 0;padding-inline-start:1.2rem}
ol.thread p{margin:.2rem 0}
.delivery{display:inline-block;border-radius:1rem;padding:0 .5rem;font-size:.8rem;font-weight:600;border:1px solid currentColor}
.d-sent{color:#1d6b34}.d-queued{color:#1d4f7a}.d-delayed{color:#8a4b00}.d-bounced,.d-failed{color:#9b1c1c}.d-dropped{color:#4b5563}
details.staff{margin-top:.6rem}
details.staff summary{cursor:pointer;color:#374151}
li.task p{margin:.2rem 0}
.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;margin:.2rem 0 .8rem;padding:0;list-style:none}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}
.filters label{display:block;font-size:.85rem;font-weight:600}
label{display:block;font-weight:600;margin:.5rem 0 .15rem}
fieldset{border:1px solid #d5d9de;border-radius:.4rem;margin:.5rem 0;padding:.3rem .7rem .6rem}
legend{font-weight:600}
fieldset label{display:inline;font-weight:400;margin-inline-end:1rem}
input[type=text],input[type=number],input[type=datetime-local],input[type=search],input[type=password],select,textarea{width:100%;max-width:40rem;padding:.35rem .45rem;border:1px solid #7b8794;border-radius:.3rem;font:inherit;background:#fff;color:#1b2430}
.filters select,.filters input{width:auto}
textarea{min-height:4.5rem}
button,.button{background:#0b4fb3;color:#fff;border:0;border-radius:.3rem;padding:.45rem .9rem;font:inherit;font-weight:600;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#e9ecf1;color:#1b2430;border:1px solid #7b8794}
button.danger{background:#9b1c1c}
.notice{background:#e3f4e8;border:1px solid #7fbf95;border-radius:.4rem;padding:.5rem .8rem;margin:0 0 1rem}
.problem{background:#fdecea;border:1px solid #d9534f;border-radius:.4rem;padding:.5rem .8rem;margin:.3rem 0 .6rem;color:#7a1212}
.field-error{color:#9b1c1c;font-weight:600;margin:.1rem 0}
.muted{color:#4b5563}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:#4b5563}dl.facts dd{margin:0;white-space:pre-wrap}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline li{padding:.4rem 0;border-top:1px solid #eef0f2}
ol.timeline p{margin:.15rem 0 0;white-space:pre-wrap}
.state-met{color:#1d6b34;font-weight:600}.state-missed{color:#9b1c1c;font-weight:600}.state-pending{color:#1d4f7a;font-weight:600}
details.action{background:#f8f9fb;border:1px solid #d5d9de;border-radius:.4rem;margin:.5rem 0;padding:.4rem .7rem}
details.action summary{font-weight:700;cursor:pointer}
.inline{display:inline}
dialog{max-width:32rem;border:1px solid #7b8794;border-radius:.5rem}
kbd{border:1px solid #7b8794;border-radius:.2rem;padding:0 .3rem;background:#f3f4f6;font:inherit}
footer{max-width:78rem;margin:0 auto;padding:0 1rem 2rem}
footer form{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}
footer label{font-size:.85rem}
footer select,footer input{width:auto}
@media print{header,footer,form,details.action{display:none}}
`;

export const consoleJs = `
(function(){
  'use strict';
  var help = document.getElementById('help');
  function typing(e){
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }
  function follow(sel){ var a = document.querySelector(sel); if (a) { window.location.href = a.href; } }
  function focusIn(sel){
    var el = document.querySelector(sel);
    if (!el) return;
    var d = el.closest('details'); if (d) d.open = true;
    el.scrollIntoView({block:'center'}); el.focus();
  }
  function moveRow(step){
    var links = Array.prototype.slice.call(document.querySelectorAll('[data-case-link]'));
    if (!links.length) return;
    var i = links.indexOf(document.activeElement);
    var next = links[Math.max(0, Math.min(links.length - 1, i < 0 ? 0 : i + step))];
    next.focus();
  }
  document.querySelectorAll('[data-close-help]').forEach(function(b){
    b.addEventListener('click', function(){ help.close(); });
  });
  document.querySelectorAll('[data-open-help]').forEach(function(a){
    a.addEventListener('click', function(e){ if (help && help.showModal) { e.preventDefault(); help.showModal(); } });
  });
  document.addEventListener('keydown', function(e){
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
    switch (e.key) {
      case '?': if (help && help.showModal) { e.preventDefault(); help.showModal(); } break;
      case 'n': e.preventDefault(); follow('[data-key=next]'); break;
      case 'q': e.preventDefault(); follow('[data-key=queue]'); break;
      case 'm': e.preventDefault(); focusIn('#form-notes textarea'); break;
      case 'd': e.preventDefault(); focusIn('#form-diagnosis textarea, #form-diagnosis input[type=text]'); break;
      case '/': e.preventDefault(); focusIn('#search-q'); break;
      case 'j': e.preventDefault(); moveRow(1); break;
      case 'k': e.preventDefault(); moveRow(-1); break;
    }
  });
  // A letter's print button: shown only where it works (with this script).
  document.querySelectorAll('[data-print]').forEach(function(b){
    b.hidden = false;
    b.addEventListener('click', function(){ window.print(); });
  });
})();
`;

/** The console's toolbar above a letter (the letter page has its own stylesheet). */
export const letterToolbarCss = `
.console-toolbar{font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","DejaVu Sans",sans-serif;display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:center}
.console-toolbar a{color:#0b4fb3}
.console-toolbar button{background:#0b4fb3;color:#fff;border:0;border-radius:.3rem;padding:.35rem .8rem;font:inherit;font-weight:600;cursor:pointer}
.console-toolbar form{display:inline;margin:0}
.console-toolbar .notice{flex-basis:100%;background:#e3f4e8;border:1px solid #7fbf95;border-radius:.4rem;padding:.4rem .7rem;margin:.3rem 0 0}
.console-toolbar a:focus,.console-toolbar button:focus{outline:3px solid #f0a000;outline-offset:1px}
@media print{.console-toolbar{display:none}}
`;

/** A small icon (the browser asks for one; without it every page logs a failed request). */
export const consoleIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#14213d"/><path d="M4 5h8v1.5H4zm0 3h8v1.5H4zm0 3h5v1.5H4z" fill="#fff"/></svg>`;

const version = (text: string) => crypto.createHash('sha256').update(text).digest('hex').slice(0, 10);
/** Versioned paths: the files can be cached for long, a change gets a new address. */
export const cssPath = `/console/assets/console.${version(consoleCss)}.css`;
export const jsPath = `/console/assets/console.${version(consoleJs)}.js`;
export const iconPath = `/console/assets/icon.${version(consoleIcon)}.svg`;
