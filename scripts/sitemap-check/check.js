// Reads a sitemap, or a sitemap index, with the sitemap package's parser
// and validates each URL with validateSMIOptions at ErrorLevel.THROW; it
// prints what it read as JSON, or the first problem on stderr and exits 1.
"use strict";
const fs = require("fs");
const { parseSitemap, parseSitemapIndex, validateSMIOptions, ErrorLevel } = require("sitemap");

async function main(file) {
  const xml = fs.readFileSync(file, "utf8");
  if (/<sitemapindex[\s>]/.test(xml)) {
    const index = await parseSitemapIndex(fs.createReadStream(file));
    console.log(JSON.stringify({ index: index.map((s) => s.url) }));
    return;
  }
  const items = await parseSitemap(fs.createReadStream(file));
  for (const it of items) {
    validateSMIOptions(it, ErrorLevel.THROW);
  }
  console.log(JSON.stringify({
    urls: items.map((it) => ({
      url: it.url,
      lastmod: it.lastmod || "",
      news: it.news ? {
        name: it.news.publication.name,
        language: it.news.publication.language,
        date: it.news.publication_date,
        title: it.news.title,
      } : null,
    })),
  }));
}

main(process.argv[2]).catch((err) => {
  console.error(String(err && err.message || err));
  process.exit(1);
});
