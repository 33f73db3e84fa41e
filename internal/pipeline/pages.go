package pipeline

import "github.com/feedpub/feedpub/internal/cache"

// copiesIntact reports whether every local file that the cached build's
// article pages copied is still as it was copied: when one changed, a
// build with no changed article still has a file to write. A file whose
// time alone changed gets its new stamp in c, and refreshed says so. A
// file that was not there is never intact: each build looks for it
// again, warning while it is still missing.
func copiesIntact(c *cache.Cache) (intact, refreshed bool) {
	for k, rec := range c.Articles {
		if rec.Missing {
			return false, false // its page is made again, to look for the file
		}
		changed := false
		for n, cp := range rec.Copies {
			now, ok := cache.StampOf(cp.Source, cp.Stamp)
			if !ok || now.Size != cp.Stamp.Size || now.Hash != cp.Stamp.Hash {
				return false, false
			}
			if now != cp.Stamp {
				if !changed {
					rec.Copies = append([]cache.Copy(nil), rec.Copies...)
					changed = true
				}
				rec.Copies[n].Stamp = now
			}
		}
		if changed {
			c.Articles[k] = rec
			refreshed = true
		}
	}
	return true, refreshed
}
