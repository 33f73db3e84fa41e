package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStageNames checks that temporary files are named as CleanTemp finds
// them, in new folders too, and that a leftover of the same name is
// neither replaced nor in the way.
func TestStageNames(t *testing.T) {
	dir := t.TempDir()
	st := &stage{}
	defer st.discard()
	deep := filepath.Join(dir, "a", "b", "index.html")
	if err := stageFile(st, deep, []byte("deep"), true); err != nil {
		t.Fatal(err)
	}
	if name := filepath.Base(st.tmp(deep)); !isTemp(name) {
		t.Errorf("temporary file %s is not one CleanTemp removes", name)
	}
	taken := filepath.Join(dir, "a", "taken.html")
	leftover := st.tmp(taken)
	if err := os.WriteFile(leftover, []byte("left by a build that drew the same number"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := stageFile(st, taken, []byte("taken"), true); err != nil {
		t.Fatal(err)
	}
	if st.tmp(taken) == leftover {
		t.Fatal("the leftover temporary file was written over")
	}
	if err := st.commit(dir); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{deep: "deep", taken: "taken", leftover: "left by a build that drew the same number"} {
		if got, err := os.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", path, got, err, want)
		}
	}
}
