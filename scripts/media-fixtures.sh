#!/usr/bin/env bash
# Regenerates the media files under internal/media/testdata/ with Debian's
# ffmpeg (apt-get install ffmpeg) and prints what ffprobe measures of each,
# the values the table in internal/media/probe_test.go expects:
#
#   scripts/media-fixtures.sh
#
# CI never runs this script: the tests read the committed files, so they do
# not need ffmpeg. Every file is a few seconds of sine tone, each well under
# 100 KB; -bitexact and -map_metadata -1 keep encoder versions and dates out
# of the files, so that running the script again changes as little as it can.
set -euo pipefail
cd "$(dirname "$0")/../internal/media/testdata"

ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
tone() { echo -f lavfi -i "sine=frequency=$1:sample_rate=44100:duration=$2"; }

# CBR MP3: no Xing header, so the duration comes from bitrate and size.
ff $(tone 440 5) -c:a libmp3lame -b:a 64k -write_xing 0 -id3v2_version 0 -bitexact -map_metadata -1 cbr.mp3
# CBR MP3 with an ID3v1 tag at the end, which is not audio (ffmpeg writes
# ID3v1 only beside an ID3v2 tag).
ff $(tone 440 3) -c:a libmp3lame -b:a 32k -write_xing 0 -write_id3v1 1 \
  -metadata title="Tail tag" -bitexact id3v1.mp3
# VBR MP3 with a Xing (LAME) header.
ff $(tone 330 7) -c:a libmp3lame -q:a 6 -bitexact -map_metadata -1 vbr.mp3
# MP3 at 22.05 kHz (MPEG-2 layer III: 576 samples per frame), VBR with Xing.
ff -f lavfi -i "sine=frequency=330:sample_rate=22050:duration=4" -c:a libmp3lame -q:a 7 -bitexact -map_metadata -1 mpeg2.mp3
# MP3 behind an ID3v2 tag that holds a title and a cover picture.
ff -f lavfi -i "color=c=red:s=64x64:d=1" -frames:v 1 -bitexact cover-tag.jpg
ff $(tone 550 4) -i cover-tag.jpg -map 0:a -map 1:v -c:a libmp3lame -b:a 48k -c:v copy \
  -id3v2_version 3 -metadata title="Episode one" -metadata:s:v title="Cover" -metadata:s:v comment="Cover (front)" \
  -bitexact id3v2.mp3
rm cover-tag.jpg
# M4A (AAC) with the movie header after the media data, as ffmpeg writes it.
ff $(tone 440 6) -c:a aac -b:a 32k -bitexact -map_metadata -1 moov-end.m4a
# The same with the movie header first (-movflags +faststart).
ff $(tone 440 6) -c:a aac -b:a 32k -movflags +faststart -bitexact -map_metadata -1 faststart.m4a
# A tiny MP4 video with sound.
ff -f lavfi -i "testsrc=size=64x48:rate=10:duration=3" $(tone 660 3) -c:v libx264 -preset ultrafast -crf 40 \
  -pix_fmt yuv420p -c:a aac -b:a 24k -shortest -bitexact -map_metadata -1 video.mp4
# A QuickTime movie (brand "qt  ").
ff -f lavfi -i "testsrc=size=64x48:rate=10:duration=2" -c:v libx264 -preset ultrafast -crf 40 -pix_fmt yuv420p \
  -bitexact -map_metadata -1 -f mov clip.mov

for f in *.mp3 *.m4a *.mp4 *.mov; do
  d=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$f")
  printf '%s\t%s bytes\t%s s\n' "$f" "$(stat -c %s "$f")" "$d"
done
