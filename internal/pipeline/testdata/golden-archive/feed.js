// Shows an RSS 2.0 or Atom 1.0 feed written by feedpub as a readable page
// when a person opens it in a browser. The feed names this script in an
// XHTML <script> element, which feed readers ignore; browsers run it
// instead of showing the XML tree. It builds the page from the feed's own
// elements with the DOM alone (no XSLT), and writes every text from the
// feed as text, never as markup.
(function () {
  "use strict";
  var XHTML = "http://www.w3.org/1999/xhtml";
  var ATOM = "http://www.w3.org/2005/Atom";
  var MONTHS = { Jan: "January", Feb: "February", Mar: "March", Apr: "April", May: "May", Jun: "June",
    Jul: "July", Aug: "August", Sep: "September", Oct: "October", Nov: "November", Dec: "December" };
  var STYLE = ":root { color-scheme: light dark; }\n" +
    "body { margin: 0; font: 17px/1.55 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; }\n" +
    "main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }\n" +
    "h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }\n" +
    ".note { background: rgba(127,127,127,.12); border-radius: 12px; padding: .9rem 1.1rem; margin: 1rem 0 2rem; }\n" +
    ".note code { overflow-wrap: anywhere; }\n" +
    "ol { list-style: none; padding: 0; }\n" +
    "li { padding: 1rem 0; border-top: 1px solid rgba(127,127,127,.25); }\n" +
    "h2 { font-size: 1.15rem; margin: 0 0 .2rem; }\n" +
    ".date { opacity: .7; font-size: .9rem; }\n";

  // el makes an XHTML element holding the given children (strings are text).
  function el(name, attrs) {
    var e = document.createElementNS(XHTML, name);
    for (var k in attrs || {}) {
      if (attrs[k]) e.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  // child is the first child element of n with the given local name and
  // namespace (null: none), or null.
  function child(n, name, ns) {
    for (var c = n && n.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === name && c.namespaceURI === ns) return c;
    }
    return null;
  }

  function children(n, name, ns) {
    var out = [];
    for (var c = n.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === name && c.namespaceURI === ns) out.push(c);
    }
    return out;
  }

  // unescape turns escaped HTML into the text it shows, never running or
  // loading anything: a parsed document that is not displayed.
  function unescape(s) {
    var doc = new DOMParser().parseFromString("<!doctype html><body>" + s, "text/html");
    return doc.body.textContent;
  }

  function text(n) { return n ? n.textContent.trim() : ""; }

  // atomText is an Atom text construct as it reads, whatever its type.
  function atomText(n) {
    if (!n) return "";
    return n.getAttribute("type") === "html" ? unescape(n.textContent).trim() : text(n);
  }

  // href keeps http(s) and relative links, and drops anything else.
  function href(s) {
    s = (s || "").trim();
    return /^(https?:|\/|[^:]*$)/i.test(s) ? s : "";
  }

  // link is the href of n's first atom:link (Atom or in RSS) with rel,
  // where a missing rel counts as alternate.
  function link(n, rel) {
    var links = children(n, "link", ATOM);
    for (var i = 0; i < links.length; i++) {
      if ((links[i].getAttribute("rel") || "alternate") === rel) return links[i].getAttribute("href");
    }
    return "";
  }

  // rssDate shows an RFC 822 date as the day it names: "2 May 2024".
  function rssDate(s) {
    var m = /(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})/.exec(s || "");
    return m ? Number(m[1]) + " " + (MONTHS[m[2]] || m[2]) + " " + m[3] : (s || "");
  }

  function item(title, url, date, summary) {
    return el("li", null,
      el("h2", null, el("a", { href: href(url) }, title)),
      el("div", { "class": "date" }, date),
      el("p", null, summary));
  }

  function rss(channel) {
    var items = children(channel, "item", null).map(function (it) {
      return item(text(child(it, "title", null)), text(child(it, "link", null)),
        rssDate(text(child(it, "pubDate", null))), unescape(text(child(it, "description", null))).trim());
    });
    return { title: text(child(channel, "title", null)), about: text(child(channel, "description", null)),
      kind: "an RSS feed", self: link(channel, "self"), site: text(child(channel, "link", null)), items: items };
  }

  function atom(feed) {
    var items = children(feed, "entry", ATOM).map(function (e) {
      var date = text(child(e, "published", ATOM)) || text(child(e, "updated", ATOM));
      return item(atomText(child(e, "title", ATOM)), link(e, "alternate"), date.slice(0, 10),
        atomText(child(e, "summary", ATOM)));
    });
    return { title: atomText(child(feed, "title", ATOM)), about: atomText(child(feed, "subtitle", ATOM)),
      kind: "an Atom feed", self: link(feed, "self"), site: link(feed, "alternate"), items: items };
  }

  function show() {
    var root = document.documentElement;
    if (!root || root.namespaceURI === XHTML) return;
    var f;
    if (root.localName === "rss" && child(root, "channel", null)) f = rss(child(root, "channel", null));
    else if (root.localName === "feed" && root.namespaceURI === ATOM) f = atom(root);
    else return;
    var ol = el("ol", null);
    f.items.forEach(function (li) { ol.appendChild(li); });
    var html = el("html", { lang: root.getAttribute("xml:lang") || text(child(child(root, "channel", null), "language", null)) },
      el("head", null,
        el("meta", { charset: "utf-8" }),
        el("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
        el("title", null, f.title + " (feed)"),
        el("style", null, STYLE)),
      el("body", null, el("main", null,
        el("h1", null, f.title),
        el("p", null, f.about),
        el("p", { "class": "note" }, "This is " + f.kind + ". Copy its address into your feed reader to subscribe: ",
          el("code", null, f.self || location.href)),
        el("p", null, el("a", { href: href(f.site) }, "Visit the site →")),
        ol)));
    document.replaceChild(html, root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
