// Reads a show feed with podcast-partytime, Podcast Index's parser, and
// prints what it found as JSON: the Podcasting 2.0 tags it saw, by phase,
// and each episode's guid, enclosure and Podcasting 2.0 values.
"use strict";
const fs = require("fs");
const { parseFeed } = require("podcast-partytime");

const feed = parseFeed(fs.readFileSync(process.argv[2], "utf8"), { allowMissingGuid: false });
if (!feed) {
  console.error("podcast-partytime could not read the feed");
  process.exit(1);
}
const phases = {};
for (const [phase, tags] of Object.entries(feed.pc20support || {})) {
  phases[phase] = [...tags].sort();
}
console.log(JSON.stringify({
  title: feed.title,
  guid: feed.guid,
  locked: feed.locked,
  phases,
  episodes: feed.items.map((it) => ({
    guid: it.guid,
    enclosure: it.enclosure && it.enclosure.url,
    duration: it.duration,
    transcripts: (it.podcastTranscripts || []).length,
    chapters: it.podcastChapters ? it.podcastChapters.url : "",
    persons: (it.podcastPeople || []).length,
  })),
}));
