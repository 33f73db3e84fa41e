package content

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// The fast path below reads a body's first paragraph, or a front-matter
// summary, straight from the Markdown for the common case: a few kinds of
// blocks before it (ATX headings, fenced code, simple lists) and inline
// markup that is easy to get right (emphasis in pairs, inline links and
// images, http(s) autolinks, code spans, '&', '<' and '>' as text). It
// gives what parsing with goldmark, rendering the paragraph to HTML and
// reading its text gives, or reports that it cannot be sure, and then the
// slow path runs: anything it does not know for certain is such a case.
// TestFastSummary and FuzzFastSummary hold the two to the same results.

// fastSummary is the summary by the default rule of a body with no
// MoreMarker and no shortcode blocks: the text of its first top-level
// paragraph, cut to SummaryWords words. ok is false when the fast path
// cannot tell, or the paragraph has no text.
func (r *Renderer) fastSummary(body []byte) (s string, ok bool) {
	sc := fastScanner{src: body, r: r}
	start, end, ok := sc.firstParagraph(0)
	if !ok {
		return "", false
	}
	if r.opts.DefinitionLists {
		// A paragraph followed by ": …", blank lines between or not,
		// becomes a definition list's terms.
		if next := skipBlank(body, end); next < len(body) && bytes.TrimLeft(body[next:], " ")[0] == ':' {
			return "", false
		}
	}
	if !sc.inline(body[start:end]) {
		return "", false
	}
	s, words := collapseWords(sc.out, SummaryWords)
	if words == 0 {
		return "", false // only images: the slow path looks further
	}
	return s, true
}

// fastPlainText is PlainText of Markdown that is only paragraphs, as a
// front-matter summary usually is; ok is false when the fast path cannot
// tell.
func (r *Renderer) fastPlainText(md []byte) (s string, ok bool) {
	// Every block is a paragraph, which no line starting with ':' (a
	// definition) follows.
	sc := fastScanner{src: md, r: r}
	pos := 0
	for {
		pos = skipBlank(md, pos)
		if pos >= len(md) {
			break
		}
		line, _ := lineAt(md, pos)
		if !paragraphStart(line) {
			return "", false
		}
		end, next, ok := sc.paragraph(pos)
		if !ok || !sc.inline(md[pos:end]) {
			return "", false
		}
		sc.out = append(sc.out, ' ') // a block's end
		pos = next
	}
	s, _ = collapseWords(sc.out, -1)
	return s, true
}

// fastScanner reads Markdown for the fast path; out collects the text.
type fastScanner struct {
	src []byte
	r   *Renderer
	out []byte
}

// lineAt is the line at pos without its newline, and where the next one
// starts.
func lineAt(b []byte, pos int) (line []byte, next int) {
	if i := bytes.IndexByte(b[pos:], '\n'); i >= 0 {
		return b[pos : pos+i], pos + i + 1
	}
	return b[pos:], len(b)
}

// isBlankLine reports whether a line has only spaces and tabs.
func isBlankLine(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// skipBlank is where the first line from pos that is not blank starts.
func skipBlank(b []byte, pos int) int {
	for pos < len(b) {
		line, next := lineAt(b, pos)
		if !isBlankLine(line) {
			return pos
		}
		pos = next
	}
	return pos
}

// indentOf is the spaces a line starts with, or -1 when a tab is among
// them (tabs count to the next multiple of four, which the fast path
// leaves to goldmark).
func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	if n < len(line) && line[n] == '\t' {
		return -1
	}
	return n
}

// startsWithLetter reports whether b starts with a letter, which starts
// no block and no inline markup.
func startsWithLetter(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if b[0] < utf8.RuneSelf {
		c := b[0] | 0x20
		return c >= 'a' && c <= 'z'
	}
	r, _ := utf8.DecodeRune(b)
	return unicode.IsLetter(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// listMarker reads a list item's marker at the start of line: the
// marker's character ('-', '*', '+', or the '.' or ')' after an ordered
// item's number), the column its content starts at, and whether line
// starts with a marker at all (a marker followed by a space, a tab or the
// line's end). simple is true when the marker is followed by one space
// and a letter, the only items the fast path reads.
func listMarker(line []byte) (mark byte, width int, marker, simple bool) {
	i := 0
	switch {
	case len(line) > 0 && (line[0] == '-' || line[0] == '*' || line[0] == '+'):
		mark, i = line[0], 1
	case len(line) > 0 && isDigit(line[0]):
		for i < len(line) && isDigit(line[i]) {
			i++
		}
		if i >= len(line) || (line[i] != '.' && line[i] != ')') {
			return 0, 0, false, false
		}
		if i > 9 {
			// Not a list item, but the fast path need not know that.
			return 0, 0, true, false
		}
		mark = line[i]
		i++
	default:
		return 0, 0, false, false
	}
	if i < len(line) && line[i] != ' ' && line[i] != '\t' {
		return 0, 0, false, false
	}
	simple = i+1 < len(line) && line[i] == ' ' && startsWithLetter(line[i+1:])
	return mark, i + 1, true, simple
}

// paragraphStart reports whether a line at the start of a block, not
// indented, surely starts a paragraph.
func paragraphStart(line []byte) bool {
	return len(line) > 0 && startsText(line, `[!("'&`)
}

// continuationLine reports whether a line that follows a paragraph's line
// surely continues the paragraph: it opens no block that interrupts one
// (a heading, a fence, a quote, a list, HTML, a thematic break) and is no
// setext underline or table delimiter row.
func continuationLine(line []byte) bool {
	n := indentOf(line)
	if n < 0 || isBlankLine(line) {
		return false
	}
	// A line indented by four or more opens no block either (indented
	// code does not interrupt a paragraph), but a table's delimiter row
	// may be indented.
	return startsText(line[n:], `[!("'&,.;?)`)
}

// startsText reports whether t, not empty, surely starts with text: a
// letter, a number that is no list marker, emphasis, a code span, or one
// of the characters in punct.
func startsText(t []byte, punct string) bool {
	switch c := t[0]; {
	case startsWithLetter(t):
		return true
	case isDigit(c):
		_, _, marker, _ := listMarker(t)
		return !marker
	case c == '*' || c == '_':
		return delimitedWord(t)
	case c == '`':
		return !bytes.HasPrefix(t, []byte("```"))
	}
	return strings.IndexByte(punct, t[0]) >= 0
}

// delimitedWord reports whether b starts with '*' or '_' characters
// followed by a letter or a digit: no list item and no thematic break.
func delimitedWord(b []byte) bool {
	i := 0
	for i < len(b) && b[i] == b[0] {
		i++
	}
	return i < len(b) && (startsWithLetter(b[i:]) || isDigit(b[i]))
}

// firstParagraph finds the first top-level paragraph from pos, passing
// over ATX headings, fenced code and simple lists: the paragraph's bytes
// are src[start:end]. ok is false when there is none or a block is one the
// fast path does not read.
func (sc *fastScanner) firstParagraph(pos int) (start, end int, ok bool) {
	src := sc.src
	for {
		pos = skipBlank(src, pos)
		if pos >= len(src) {
			return 0, 0, false
		}
		line, next := lineAt(src, pos)
		if bytes.IndexByte(line, '\r') >= 0 {
			return 0, 0, false
		}
		switch c := line[0]; {
		case c == '#':
			n := 0
			for n < len(line) && line[n] == '#' {
				n++
			}
			if n > 6 || (n < len(line) && line[n] != ' ') {
				return 0, 0, false
			}
			pos = next
		case c == '~' || bytes.HasPrefix(line, []byte("```")):
			if next, ok = sc.fence(pos); !ok {
				return 0, 0, false
			}
			pos = next
		case c == '-' || c == '*' || c == '+' || isDigit(c):
			mark, width, marker, simple := listMarker(line)
			if !marker {
				if isDigit(c) || c == '*' && delimitedWord(line) {
					return sc.paragraphAt(pos)
				}
				return 0, 0, false
			}
			if !simple {
				return 0, 0, false
			}
			if next, ok = sc.list(next, mark, width); !ok {
				return 0, 0, false
			}
			pos = next
		case paragraphStart(line):
			return sc.paragraphAt(pos)
		default:
			return 0, 0, false
		}
	}
}

func (sc *fastScanner) paragraphAt(pos int) (start, end int, ok bool) {
	end, _, ok = sc.paragraph(pos)
	return pos, end, ok
}

// paragraph reads the paragraph whose first line starts at pos: where its
// last line ends and where the line after it starts. ok is false when a
// line of it might not continue it.
func (sc *fastScanner) paragraph(pos int) (end, next int, ok bool) {
	src := sc.src
	line, next := lineAt(src, pos)
	if bytes.IndexByte(line, '\r') >= 0 {
		return 0, 0, false
	}
	end = pos + len(line)
	for next < len(src) {
		line, after := lineAt(src, next)
		if isBlankLine(line) {
			break
		}
		if bytes.IndexByte(line, '\r') >= 0 || !continuationLine(line) {
			return 0, 0, false
		}
		end, next = next+len(line), after
	}
	return end, next, true
}

// fence passes over the fenced code block that starts at pos: where the
// line after its closing fence starts. ok is false when the fence is not
// closed or its opening line is not a fence's.
func (sc *fastScanner) fence(pos int) (next int, ok bool) {
	src := sc.src
	line, next := lineAt(src, pos)
	c := line[0]
	n := 0
	for n < len(line) && line[n] == c {
		n++
	}
	if n < 3 || c == '`' && bytes.IndexByte(line[n:], '`') >= 0 {
		return 0, false
	}
	for next < len(src) {
		l, after := lineAt(src, next)
		if bytes.IndexByte(l, '\r') >= 0 {
			return 0, false
		}
		next = after
		i := 0
		for i < len(l) && i < 4 && l[i] == ' ' {
			i++
		}
		if i >= 4 {
			continue
		}
		j := i
		for j < len(l) && l[j] == c {
			j++
		}
		if j-i >= n && isBlankLine(l[j:]) {
			return next, true
		}
	}
	return 0, false
}

// list passes over a list whose first item's line ends just before pos,
// of items marked mark whose content starts at column width: where the
// first line after it starts. ok is false when a line in it is one the
// fast path does not read.
func (sc *fastScanner) list(pos int, mark byte, width int) (next int, ok bool) {
	src := sc.src
	blank := false // a blank line came after the last line
	para := true   // the last block in the item is a paragraph
	for pos < len(src) {
		line, after := lineAt(src, pos)
		if bytes.IndexByte(line, '\r') >= 0 {
			return 0, false
		}
		if isBlankLine(line) {
			blank = true
			pos = after
			continue
		}
		n := indentOf(line)
		if n < 0 {
			return 0, false
		}
		if m, w, marker, simple := listMarker(line); marker && m == mark && n == 0 {
			// Another item of the list.
			if !simple {
				return 0, false
			}
			width, blank, para = w, false, true
			pos = after
			continue
		}
		switch {
		case n >= width:
			// The item goes on: a paragraph's line, or after a blank
			// line a new paragraph in it.
			if !startsWithLetter(line[n:]) || blank && n >= width+4 || !blank && !para {
				return 0, false
			}
			para = true
		case !blank:
			// A lazy continuation line of the item's paragraph.
			if n != 0 || !para || !startsWithLetter(line) {
				return 0, false
			}
		case n == 0:
			return pos, true // the list ends; a block starts
		default:
			return 0, false
		}
		blank = false
		pos = after
	}
	return pos, true
}

// inline appends the text of a paragraph's inline content p to sc.out, as
// goldmark renders it and htmlText reads it back, white space aside. It
// reports false when it cannot be sure.
func (sc *fastScanner) inline(p []byte) bool {
	if !utf8.Valid(p) {
		return false
	}
	for _, c := range p {
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false // goldmark and the HTML tokenizer replace some
		}
	}
	typo := sc.r.opts.Typographer
	linkify := !sc.r.opts.NoLinkify
	// open is the emphasis delimiter run waiting for its closer: the
	// fast path reads only pairs of runs of one length, not nested.
	var open []byte
	out := sc.out
	if out == nil {
		out = make([]byte, 0, len(p))
	}
	for i := 0; i < len(p); {
		c := p[i]
		if plainByte[c] {
			// A run of characters that are text whatever the options.
			j := i + 1
			for j < len(p) && plainByte[p[j]] {
				j++
			}
			out = append(out, p[i:j]...)
			i = j
			continue
		}
		switch {
		case c < 0x20 || c == 0x7f || c == '\\' || c == '~':
			return false
		case c == '&':
			if i+1 < len(p) && (isAlnum(p[i+1]) || p[i+1] == '#') {
				return false // an entity, maybe
			}
			out = append(out, c)
			i++
		case c == '<':
			if i+1 == len(p) || p[i+1] == ' ' || p[i+1] == '\n' {
				out = append(out, c)
				i++
				continue
			}
			n := autolinkLen(p[i:])
			if n == 0 {
				return false
			}
			out = append(out, p[i+1:i+n-1]...)
			i += n
		case c == '>':
			if typo && i+1 < len(p) && p[i+1] == '>' {
				return false
			}
			out = append(out, c)
			i++
		case c == '`':
			n := 1
			for i+n < len(p) && p[i+n] == '`' {
				n++
			}
			end := codeSpanEnd(p, i+n, n)
			if end < 0 {
				out = append(out, p[i:i+n]...) // no closer: the backticks are text
				i += n
				continue
			}
			content := p[i+n : end]
			if bytes.IndexByte(content, '<') >= 0 {
				return false // an autolink or HTML tag might overlap it
			}
			// goldmark drops a space at each end when both ends have one
			// and there is more than white space; on several lines, what
			// it sees of the last one depends on its indentation.
			first, last := content[0], content[len(content)-1]
			if (first == ' ' || first == '\n' || last == ' ' || last == '\n') && bytes.IndexByte(content, '\n') >= 0 {
				return false
			}
			if content[0] == ' ' && content[len(content)-1] == ' ' && !isBlankLine(content) {
				content = content[1 : len(content)-1]
			}
			out = append(out, content...)
			i = end + n
		case c == '*' || c == '_':
			n := 1
			for i+n < len(p) && p[i+n] == c {
				n++
			}
			before := rune('\n')
			if i > 0 {
				before, _ = utf8.DecodeLastRune(p[:i])
			}
			after := rune(' ')
			if i+n < len(p) {
				after, _ = utf8.DecodeRune(p[i+n:])
			}
			canOpen, canClose := flanking(c, before, after)
			switch {
			case canOpen && canClose:
				return false
			case canOpen:
				if open != nil || n > 3 {
					return false
				}
				open = p[i : i+n]
			case canClose:
				if open == nil || open[0] != c || len(open) != n {
					return false
				}
				open = nil
			default:
				out = append(out, p[i:i+n]...) // neither: text
			}
			i += n
		case c == '[' || c == '!' && i+1 < len(p) && p[i+1] == '[':
			image := c == '!'
			if image {
				i++
			}
			text, n := sc.link(p[i:])
			if n == 0 {
				return false
			}
			if !image {
				out = append(out, text...)
			}
			i += n
		case typo && (c == '\'' || c == '"'):
			return false
		case typo && (c == '-' && i+1 < len(p) && p[i+1] == '-' || c == '.' && bytes.HasPrefix(p[i:], []byte("..."))):
			return false
		case linkify && mayLinkify(p, i):
			if !inertWord(p, i) {
				return false
			}
			out = append(out, c)
			i++
		default:
			out = append(out, c)
			i++
		}
	}
	sc.out = out
	return open == nil
}

// plainByte has the bytes that are text in a paragraph whatever comes
// before or after them and whatever the options: not '&', '<', '>', '`',
// '*', '_', '[', '!', '\\', '~', the typographer's quotes, '-' and '.',
// and not what may start a link Linkify makes ('h', 'f', 'w', '@').
var plainByte = func() (t [256]bool) {
	for c := 0x80; c < 0x100; c++ {
		t[c] = true // the rest of a character that starts before it
	}
	for _, c := range []byte(" \n\t0123456789abcdegijklmnopqrstuvxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,;:/?=#%$+^{}|()]") {
		t[c] = true
	}
	return t
}()

func isAlnum(c byte) bool {
	return isDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

// flanking says whether a run of the emphasis delimiter c between before
// and after can open and close emphasis, as goldmark's ScanDelimiter does.
func flanking(c byte, before, after rune) (canOpen, canClose bool) {
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	if c == '_' {
		return left && (!right || beforePunct), right && (!left || afterPunct)
	}
	return left, right
}

// codeSpanEnd is where the first run of exactly n backticks from i
// starts, or -1.
func codeSpanEnd(p []byte, i, n int) int {
	for i < len(p) {
		k := bytes.IndexByte(p[i:], '`')
		if k < 0 {
			return -1
		}
		j := i + k
		m := 0
		for j+m < len(p) && p[j+m] == '`' {
			m++
		}
		if m == n {
			return j
		}
		i = j + m
	}
	return -1
}

// autolinkLen is the length of the http(s) autolink at the start of p,
// "<https://…>", with only characters that need no escaping in its URL;
// 0 when there is none.
func autolinkLen(p []byte) int {
	var rest []byte
	switch {
	case bytes.HasPrefix(p, []byte("<https://")):
		rest = p[len("<https://"):]
	case bytes.HasPrefix(p, []byte("<http://")):
		rest = p[len("<http://"):]
	default:
		return 0
	}
	for j, c := range rest {
		if c == '>' {
			if j == 0 {
				return 0
			}
			return len(p) - len(rest) + j + 1
		}
		if !isAlnum(c) && bytes.IndexByte([]byte("/:.%?=#-+_,;~"), c) < 0 {
			return 0
		}
	}
	return 0
}

// link reads the inline link "[text](destination)" at the start of p,
// with plain text and a destination of plain characters and no title:
// its text and its length, or 0 when p does not start with one.
func (sc *fastScanner) link(p []byte) (text []byte, n int) {
	if len(p) < 2 || p[0] != '[' || p[1] == '^' {
		return nil, 0
	}
	typo := sc.r.opts.Typographer
	i := 1
	for ; i < len(p) && p[i] != ']'; i++ {
		c := p[i]
		switch {
		case c < 0x20 || c == 0x7f || bytes.IndexByte([]byte("[`<\\*_~!@"), c) >= 0:
			return nil, 0
		case c == '&' && i+1 < len(p) && (isAlnum(p[i+1]) || p[i+1] == '#'):
			return nil, 0
		case typo && (c == '\'' || c == '"' || c == '>' && i+1 < len(p) && p[i+1] == '>' ||
			c == '-' && i+1 < len(p) && p[i+1] == '-' || c == '.' && bytes.HasPrefix(p[i:], []byte("..."))):
			return nil, 0
		case mayLinkify(p, i):
			return nil, 0
		}
	}
	if i+1 >= len(p) || p[i+1] != '(' {
		return nil, 0
	}
	text = p[1:i]
	for j := i + 2; j < len(p); j++ {
		c := p[j]
		if c == ')' {
			return text, j + 1
		}
		if c >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRune(p[j:]); unicode.IsSpace(r) {
				return nil, 0
			}
			continue
		}
		if c <= ' ' || c == 0x7f || bytes.IndexByte([]byte("()<>\\\"'`"), c) >= 0 {
			return nil, 0
		}
	}
	return nil, 0
}

// mayLinkify reports whether p[i] starts what goldmark's Linkify may make
// a link of: "http:", "https:", "ftp:", "www." or an address's '@'.
func mayLinkify(p []byte, i int) bool {
	switch p[i] {
	case '@':
		return true
	case 'h':
		return bytes.HasPrefix(p[i:], []byte("http:")) || bytes.HasPrefix(p[i:], []byte("https:"))
	case 'f':
		return bytes.HasPrefix(p[i:], []byte("ftp:"))
	case 'w':
		return bytes.HasPrefix(p[i:], []byte("www."))
	}
	return false
}

// inertWord reports whether the word around p[i] (up to white space on
// either side) has only characters that are text wherever a link Linkify
// makes of it ends, and none that starts one (so the text is the same
// whether it makes one or not).
func inertWord(p []byte, i int) bool {
	s := i
	for s > 0 && p[s-1] != ' ' && p[s-1] != '\n' && p[s-1] != '\t' {
		s--
	}
	for j := s; j < len(p) && p[j] != ' ' && p[j] != '\n' && p[j] != '\t'; j++ {
		if c := p[j]; !isAlnum(c) && bytes.IndexByte([]byte("/:.%?=#-+,;@"), c) < 0 {
			return false
		}
	}
	return true
}

// collapseWords is b's words, runs of what is not white space, joined by
// single spaces, as htmlText gives them, and then cut as cutWords cuts
// them when limit >= 0; words is how many there were, at most limit+1.
func collapseWords(b []byte, limit int) (s string, words int) {
	out := make([]byte, 0, len(b))
	i := 0
	for {
		for i < len(b) {
			k := spaceClass[b[i]]
			if k == spaceNo {
				break
			}
			if k == spaceMaybe {
				r, size := utf8.DecodeRune(b[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += size - 1
			}
			i++
		}
		if i >= len(b) {
			return string(out), words
		}
		if limit >= 0 && words == limit {
			return string(append(out, "…"...)), words + 1
		}
		if words > 0 {
			out = append(out, ' ')
		}
		words++
		j := i
		for j < len(b) {
			k := spaceClass[b[j]]
			if k == spaceASCII {
				break
			}
			if k == spaceMaybe {
				r, size := utf8.DecodeRune(b[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += size - 1
			}
			j++
		}
		out = append(out, b[i:j]...)
		i = j
	}
}

// The classes of bytes in spaceClass.
const (
	spaceNo    = iota // not white space, or the rest of a character
	spaceASCII        // ASCII white space
	spaceMaybe        // the first byte of a character that may be white space
)

// spaceClass says which bytes are white space as unicode.IsSpace has it.
// Beyond ASCII, U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000 start
// with the bytes 0xc2, 0xe1, 0xe2 and 0xe3.
var spaceClass = func() (t [256]uint8) {
	for _, c := range []byte(" \n\t\r\v\f") {
		t[c] = spaceASCII
	}
	for _, c := range []byte{0xc2, 0xe1, 0xe2, 0xe3} {
		t[c] = spaceMaybe
	}
	return t
}()
