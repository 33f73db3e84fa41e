package render

import (
	"fmt"
	"slices"
	"sync"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/page"
	"github.com/feedpub/feedpub/internal/parallel"
	"github.com/feedpub/feedpub/internal/plan"
	"github.com/feedpub/feedpub/internal/scan"
)

// familyFileNames names a family's feed files by format.
func familyFileNames(site *config.Site, f scan.Family) layout.Names {
	if f.Own != nil {
		return layout.Names{encode.RSS: f.Own[0], encode.Atom: f.Own[1], encode.JSON: f.Own[2]}
	}
	return layout.FamilyNames(site, f.Dir())
}

// familyHome is the page a family's feeds link to: its folder, or the
// site's home when the generator names the files and has no page for it.
func familyHome(site *config.Site, f scan.Family) string {
	if f.Own != nil {
		return site.BaseURL.String()
	}
	return site.BaseURL.String() + f.Dir()
}

// familyTitle is a family feed's title: "Site — tag".
func familyTitle(site *config.Site, f scan.Family) string { return site.Title + " — " + f.Name }

// familyDescription says what a family's feed holds.
func familyDescription(site *config.Site, f scan.Family) string {
	switch f.Kind {
	case scan.ByAuthor:
		return fmt.Sprintf("Articles by %s on %s", f.Name, site.Title)
	}
	return fmt.Sprintf("Articles on %s in the %s %q", site.Title, f.Kind, f.Name)
}

// familyFiles are the family feeds' files and pages, made one family at a
// time as they are written, and the groups of links to them for the home
// page. Items of the main feed, already rendered in main, are not
// rendered again; a family the cache shows unchanged is kept as it is.
func familyFiles(opts Options, list *filelist.List, p *plan.Plan, old *cache.Cache, main map[int]*scan.Entry) ([]output.File, []page.Group) {
	site := opts.Site
	shared := newItemCache(sharedBudget)
	for i, e := range main {
		shared.pin(i, e.Item)
	}
	pg := &pager{ahead: parallel.Workers(opts.Workers), make: func(k int) ([]output.File, error) {
		f := p.Families[k]
		have, missing := shared.take(f.Items)
		slices.Sort(missing)
		entries, err := renderItems(opts, list, missing, site.FullContent)
		if err != nil {
			return nil, err
		}
		feed := newFeed(opts, familyTitle(site, f.Family), familyDescription(site, f.Family), familyHome(site, f.Family))
		for _, i := range f.Items {
			it := have[i]
			if it == nil {
				it = entries[i].Item
				shared.put(i, it)
			}
			feed.Items = append(feed.Items, it)
		}
		feed.Updated = model.Newest(feed.Items)
		names := familyFileNames(site, f.Family)
		files, err := feedFiles(opts, layout.FamilyFeed, feed, names, encode.Links{})
		if err != nil || !site.Pages {
			return files, err
		}
		html, err := page.Index(pageOf(opts, feed, names, nil, site.BaseURL.String()))
		if err != nil {
			return nil, err
		}
		return append(files, output.File{Name: layout.FamilyPageName(f.Dir()), Kind: layout.FamilyPage.String(), Data: html}), nil
	}}
	var out []output.File
	var groups []page.Group
	for k, f := range p.Families {
		if len(groups) == 0 || groups[len(groups)-1].Label != groupLabel(f.Kind) {
			groups = append(groups, page.Group{Label: groupLabel(f.Kind)})
		}
		g := &groups[len(groups)-1]
		g.Links = append(g.Links, page.Link{Name: f.Name, URL: site.BaseURL.String() + f.Dir()})
		files := kinded(familyFileNames(site, f.Family), layout.FamilyFeed)
		if site.Pages {
			files = append(files, output.File{Name: layout.FamilyPageName(f.Dir()), Kind: layout.FamilyPage.String()})
		}
		if old != nil && old.Families[f.Dir()] == f.Sig && intact(site, old, files) {
			for _, file := range files {
				file.Keep = true
				out = append(out, file)
			}
			continue
		}
		pg.todo = append(pg.todo, k)
		shared.willTake(f.Items)
		out = append(out, lazily(files, func() ([]output.File, error) {
			files, err := pg.get(k)
			if k == pg.todo[len(pg.todo)-1] {
				shared.drop() // the last family: the rest of the build needs none
			}
			return files, err
		})...)
	}
	return out, groups
}

// sharedBudget bounds the bytes of rendered items kept for other families:
// enough for every item of a site of a thousand or so articles, where most
// articles are in several families, and small beside a large build's heap.
const sharedBudget = 4 << 20

// itemCache keeps rendered items for the families made later that hold
// them, up to a budget of bytes; past it, an item is rendered again for
// each family. Each family takes its items once; an item is kept only
// while a family still to take it remains, so that the budget goes to
// items that will be used. Pinned items (the main feed's, which the
// build holds anyway) are always there and cost nothing.
type itemCache struct {
	mu     sync.Mutex
	items  map[int]*model.Item
	pinned map[int]*model.Item
	uses   map[int]int // how many families will still take the item
	bytes  int
	budget int
}

func newItemCache(budget int) *itemCache {
	return &itemCache{items: map[int]*model.Item{}, pinned: map[int]*model.Item{}, uses: map[int]int{}, budget: budget}
}

// pin keeps it as item i for good. It is called before any take.
func (c *itemCache) pin(i int, it *model.Item) { c.pinned[i] = it }

// willTake counts a family to be made, which will take items. It is
// called for every such family before the first take.
func (c *itemCache) willTake(items []int) {
	for _, i := range items {
		c.uses[i]++
	}
}

// take returns those of items the cache holds, by index, and the others,
// which the caller renders and may put; either way the family has taken
// them, and an item no family will take again leaves the cache.
func (c *itemCache) take(items []int) (have map[int]*model.Item, missing []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	have = make(map[int]*model.Item, len(items))
	for _, i := range items {
		c.uses[i]--
		if it := c.pinned[i]; it != nil {
			have[i] = it
			continue
		}
		it := c.items[i]
		if it == nil {
			missing = append(missing, i)
			continue
		}
		have[i] = it
		if c.uses[i] <= 0 {
			delete(c.items, i)
			c.bytes -= itemSize(it)
		}
	}
	return have, missing
}

// drop empties the cache for good.
func (c *itemCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items, c.pinned, c.budget = nil, nil, 0
}

// put keeps item i, which a family rendered, for the families still to
// take it, if there are any and it fits.
func (c *itemCache) put(i int, it *model.Item) {
	size := itemSize(it)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items != nil && c.uses[i] > 0 && c.items[i] == nil && c.bytes+size <= c.budget {
		c.items[i] = it
		c.bytes += size
	}
}

// itemSize is about how many bytes it holds.
func itemSize(it *model.Item) int { return len(it.ContentHTML) + len(it.Summary) + len(it.Title) + 256 }
