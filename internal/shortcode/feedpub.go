package shortcode

import (
	"bytes"
	"strconv"
)

// Marks of code hidden from expansion in feedpub's own articles.
const (
	codeOpen  = "\uE002"
	codeClose = "\uE003"
)

// feedpub expands Hugo's shortcodes and Liquid's tags outside code: fenced
// code blocks and code spans show what they hold.
func (e *expansion) feedpub(body []byte) []byte {
	var code [][]byte
	masked := maskCode(body, &code)
	out := e.hugo(masked, 0, false)
	out = e.liquid(out, 0, false)
	if len(code) == 0 {
		return out
	}
	var b bytes.Buffer
	for {
		i, end, n, ok := nextMark(out, codeOpen, codeClose)
		if !ok {
			b.Write(out)
			return b.Bytes()
		}
		b.Write(out[:i])
		if n >= 0 && n < len(code) {
			b.Write(code[n])
		}
		out = out[end:]
	}
}

// maskCode replaces the fenced code blocks and code spans of body that
// hold "{{" or "{%" with marks, keeping their text in code. Each mark
// holds the newlines of what it hides, so warnings keep their lines.
func maskCode(body []byte, code *[][]byte) []byte {
	var out []byte
	pos := 0
	hide := func(from, to int) {
		seg := body[from:to]
		if !bytes.Contains(seg, []byte("{{")) && !bytes.Contains(seg, []byte("{%")) {
			return
		}
		out = append(out, body[pos:from]...)
		*code = append(*code, seg)
		out = append(out, codeOpen+strconv.Itoa(len(*code)-1)...)
		out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(seg, []byte("\n")))...)
		out = append(out, codeClose...)
		pos = to
	}
	lineStart := 0
	var fence []byte
	fenceFrom := 0
	inlineFrom := 0
	for lineStart < len(body) {
		nl := bytes.IndexByte(body[lineStart:], '\n')
		lineEnd := len(body)
		if nl >= 0 {
			lineEnd = lineStart + nl + 1
		}
		line := body[lineStart:lineEnd]
		trimmed := bytes.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if fence != nil {
			t := bytes.TrimRight(trimmed, " \t\r\n")
			if indent < 4 && bytes.HasPrefix(t, fence) && len(bytes.Trim(t, string(fence[:1]))) == 0 {
				hide(fenceFrom, lineEnd)
				fence = nil
				inlineFrom = lineEnd
			}
		} else if indent < 4 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))) {
			n := 0
			for n < len(trimmed) && trimmed[n] == trimmed[0] {
				n++
			}
			hideSpans(body, inlineFrom, lineStart, hide)
			fence, fenceFrom = trimmed[:n], lineStart
		}
		lineStart = lineEnd
	}
	if fence != nil {
		hide(fenceFrom, len(body))
	} else {
		hideSpans(body, inlineFrom, len(body), hide)
	}
	if pos == 0 {
		return body
	}
	return append(out, body[pos:]...)
}

// hideSpans hides the code spans of body[from:to]: a run of backticks up
// to the next run of the same length.
func hideSpans(body []byte, from, to int, hide func(int, int)) {
	i := from
	for i < to {
		k := bytes.IndexByte(body[i:to], '`')
		if k < 0 {
			return
		}
		start := i + k
		n := 0
		for start+n < to && body[start+n] == '`' {
			n++
		}
		j := start + n
		found := false
		for j < to {
			m := bytes.IndexByte(body[j:to], '`')
			if m < 0 {
				break
			}
			run := j + m
			l := 0
			for run+l < to && body[run+l] == '`' {
				l++
			}
			if l == n {
				hide(start, run+l)
				i, found = run+l, true
				break
			}
			j = run + l
		}
		if !found {
			i = start + n
		}
	}
}
