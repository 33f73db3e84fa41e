package render

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/content"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/frontmatter"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/shortcode"
)

// newRenderer is a renderer for the site's Markdown, rendered as its
// generator renders it, shortcodes and Liquid tags expanded.
func newRenderer(opts Options) *content.Renderer {
	site := opts.Site
	m := site.Markup
	sc := &shortcode.Site{BaseURL: site.BaseURL, Params: m.Params, Resolve: opts.refs.resolve}
	// Resolve has checked the templates.
	_ = sc.Teach(site.Shortcodes)
	o := content.Options{Footnotes: true, Shortcodes: sc}
	switch site.Generator.Dialect {
	case article.Hugo:
		sc.Syntax = shortcode.Hugo
		on := func(name string, def bool) bool {
			if v, ok := m.Goldmark[name]; ok {
				return v
			}
			return def
		}
		o = content.Options{
			Footnotes: on("footnote", true), DefinitionLists: on("definitionlist", true),
			Typographer: on("typographer", true), NoLinkify: !on("linkify", true),
			NoTables: !on("table", true), NoStrikethrough: !on("strikethrough", true), NoTaskLists: !on("tasklist", true),
			HeadingAttributes: on("attribute.title", true), HeadingIDs: on("autoheadingid", true),
			OmitRawHTML: !on("unsafe", false),
			Summary:     content.HugoSummary, SummaryLength: m.SummaryLength,
			Shortcodes: sc,
		}
	case article.Jekyll:
		sc.Syntax = shortcode.Jekyll
		o = content.Options{
			// kramdown: no bare-URL links, as GitHub's autolinks would make.
			Footnotes: true, DefinitionLists: true, Typographer: true, HeadingIDs: true, Kramdown: true, NoLinkify: true,
			Summary: content.JekyllExcerpt, ExcerptSeparator: m.ExcerptSeparator,
			Shortcodes: sc,
		}
	}
	return content.NewWith(o)
}

// Notes gathers the warnings of rendering, once each however often an
// article is rendered (for the main feed, a family's, an archive).
type Notes struct {
	mu  sync.Mutex
	set map[string]bool
	// local are the first warnings about local files not copied, in
	// their order, at most 2*maxLocal of them; locals counts them all. A
	// large archive may hold a missing image in every article: the
	// warnings name the first few and count the rest.
	local  []string
	locals int
}

// maxLocal is how many warnings about local files not copied are listed.
const maxLocal = 20

// addLocal adds warnings about local files not copied, each once: an
// article's page is rendered once.
func (n *Notes) addLocal(ws []string) {
	if n == nil || len(ws) == 0 {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.locals += len(ws)
	n.local = append(n.local, ws...)
	if len(n.local) > 2*maxLocal {
		slices.Sort(n.local)
		n.local = slices.Clip(n.local[:maxLocal])
	}
}

func (n *Notes) add(ws []string) {
	if n == nil || len(ws) == 0 {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.set == nil {
		n.set = map[string]bool{}
	}
	for _, w := range ws {
		n.set[w] = true
	}
}

func (n *Notes) list() []string {
	if n == nil {
		return nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]string, 0, len(n.set)+maxLocal+1)
	for w := range n.set {
		out = append(out, w)
	}
	local := slices.Clone(n.local)
	slices.Sort(local)
	out = append(out, local[:min(len(local), maxLocal)]...)
	slices.Sort(out)
	if n.locals > maxLocal {
		out = append(out, fmt.Sprintf("and %d more local files that article bodies reference are not copied, as above", n.locals-maxLocal))
	}
	return out
}

// List is what rendering removed from the articles: shortcodes and tags
// of the site's own that feedpub cannot run, references to pages that do
// not exist; each at its file:line. Feeds rendered as they are written
// add theirs then, so this is complete once the files are.
func (n *Notes) List() []string { return n.list() }

// pageParams reads an article's front matter again for the shortcodes
// and tags that read it ({{< param >}}, {{ page.x }}).
func pageParams(site *config.Site, p string) func() map[string]any {
	return func() map[string]any {
		src, err := article.ReadFile(p, site.MaxArticleSize)
		if err != nil {
			return nil
		}
		doc, perr := frontmatter.ParseWith(p, src, frontmatter.Options{LastKeyWins: site.Generator.Dialect == article.Jekyll})
		if perr != nil || doc.Fields == nil {
			return nil
		}
		m, _ := nodeValue(doc.Fields).(map[string]any)
		return m
	}
}

// nodeValue is a front matter value as plain Go values.
func nodeValue(n *frontmatter.Node) any {
	switch n.Kind {
	case frontmatter.KindMap:
		m := make(map[string]any, len(n.Map))
		for _, f := range n.Map {
			m[f.Key] = nodeValue(f.Value)
		}
		return m
	case frontmatter.KindList:
		l := make([]any, len(n.List))
		for i, x := range n.List {
			l[i] = nodeValue(x)
		}
		return l
	case frontmatter.KindNull:
		return nil
	case frontmatter.KindBool:
		return n.Str == "true"
	}
	return n.Str
}

// refs finds the links that ref, relref, link and post_url name. It
// indexes the articles' paths when first asked, and reads an article's
// front matter again for its link.
type refs struct {
	site  *config.Site
	files *filelist.List // every article file

	once   sync.Once
	byPath map[string]bool
	byBase map[string][]string // by file name without extension
	cache  sync.Map            // path → link, or "" for none
}

func newRefs(site *config.Site, files *filelist.List) *refs { return &refs{site: site, files: files} }

func (r *refs) index() {
	r.byPath, r.byBase = map[string]bool{}, map[string][]string{}
	r.files.Each(func(_ int, b []byte) bool {
		p := string(b)
		r.byPath[filepath.Clean(p)] = true
		base := filepath.Base(p)
		stem := strings.TrimSuffix(base, filepath.Ext(base))
		if stem == "index" {
			stem = filepath.Base(filepath.Dir(p))
		}
		r.byBase[strings.ToLower(stem)] = append(r.byBase[strings.ToLower(stem)], p)
		return true
	})
}

// link is an article's absolute link.
func (r *refs) link(p string) (string, bool) {
	if v, ok := r.cache.Load(p); ok {
		return v.(string), v.(string) != ""
	}
	link := ""
	if e, problems := scan.Load(r.site, p); problems == nil && e != nil && e.Item != nil {
		link = e.Item.URL
	}
	r.cache.Store(p, link)
	return link, link != ""
}

// resolve is a shortcode.Resolver.
func (r *refs) resolve(kind shortcode.Kind, from, target string) (string, bool) {
	if r == nil {
		return "", false
	}
	r.once.Do(r.index)
	target, anchor, _ := strings.Cut(target, "#")
	if anchor != "" {
		anchor = "#" + anchor
	}
	var link string
	var ok bool
	switch kind {
	case shortcode.Ref, shortcode.RelRef:
		link, ok = r.hugo(from, target)
		if ok && kind == shortcode.RelRef {
			if u, err := url.Parse(link); err == nil {
				link = u.EscapedPath()
			}
		}
		if ok && target == "" && anchor != "" {
			link = ""
		}
	case shortcode.Link:
		link, ok = r.jekyllLink(target)
	case shortcode.PostURL:
		link, ok = r.postURL(target)
	}
	if !ok {
		return "", false
	}
	return link + anchor, true
}

// hugo finds the page a ref names: a path from the content folder
// ("/news/x.md") or from the page's folder, with or without its
// extension, or a bundle's folder; else a file name unique in the site.
func (r *refs) hugo(from, target string) (string, bool) {
	root := r.site.Articles
	var starts []string
	if strings.HasPrefix(target, "/") {
		starts = []string{filepath.Join(root, filepath.FromSlash(target))}
	} else {
		dir := filepath.Dir(from)
		if filepath.Base(strings.TrimSuffix(from, filepath.Ext(from))) == "index" {
			dir = filepath.Dir(dir) // a bundle's references start beside it
			starts = append(starts, filepath.Join(filepath.Dir(from), filepath.FromSlash(target)))
		}
		starts = append(starts, filepath.Join(dir, filepath.FromSlash(target)), filepath.Join(root, filepath.FromSlash(target)))
	}
	for _, s := range starts {
		s = filepath.Clean(s)
		for _, c := range []string{s, s + ".md", s + ".markdown", filepath.Join(s, "index.md"), filepath.Join(s, "index.markdown")} {
			if r.byPath[c] {
				return r.link(c)
			}
		}
	}
	base := path.Base(strings.TrimSuffix(target, "/"))
	stem := strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))
	if c := r.byBase[stem]; len(c) == 1 {
		return r.link(c[0])
	}
	return "", false
}

// postURL finds the post whose file name, without its extension, is
// target ("2024-01-02-y", or "dir/2024-01-02-y" for a post in
// dir/_posts).
func (r *refs) postURL(target string) (string, bool) {
	target = strings.TrimSpace(target)
	name := path.Base(target)
	for _, p := range r.byBase[strings.ToLower(name)] {
		base := filepath.Base(p)
		if strings.TrimSuffix(base, filepath.Ext(base)) == name {
			return r.link(p)
		}
	}
	return "", false
}

// jekyllLink finds the link of a file named by its path in the site: a
// post, a document of a collection, or a page.
func (r *refs) jekyllLink(target string) (string, bool) {
	target = strings.Trim(strings.TrimSpace(target), `"'`)
	root := r.site.Markup.Root
	if root == "" {
		root = r.site.Articles
	}
	file := filepath.Join(root, filepath.FromSlash(target))
	if r.byPath[filepath.Clean(file)] {
		return r.link(filepath.Clean(file))
	}
	if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	rel := path.Clean(strings.TrimPrefix(target, "/"))
	ext := path.Ext(rel)
	stem := strings.TrimSuffix(rel, ext)
	var p string
	if first, rest, ok := strings.Cut(rel, "/"); ok && strings.HasPrefix(first, "_") {
		name := strings.TrimPrefix(first, "_")
		pattern, known := r.site.Markup.Collections[name]
		if !known {
			return "", false
		}
		if pattern == "" {
			pattern = "/:collection/:path:output_ext"
		}
		restStem := strings.TrimSuffix(rest, ext)
		p = strings.NewReplacer(":collection", name, ":path", restStem, ":name", path.Base(restStem),
			":title", path.Base(restStem), ":output_ext", ".html").Replace(pattern)
		if strings.HasSuffix(p, "/index.html") && strings.HasSuffix(pattern, ":output_ext") {
			p = strings.TrimSuffix(p, "index.html")
		}
	} else if path.Base(stem) == "index" {
		p = "/" + strings.TrimSuffix(stem, "index")
	} else {
		p = "/" + stem + ".html"
	}
	u := r.site.BaseURL.ResolveReference(&url.URL{Path: strings.TrimPrefix(p, "/")})
	return u.EscapedPath(), true
}
