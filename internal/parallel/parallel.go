// Package parallel runs a build's work on a pool of goroutines: Each for
// work whose results go anywhere, Ordered for results that must be used
// in order, a few at a time.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines to use: n when it is set, else one per
// core.
func Workers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// Each calls fn(worker, i) for every i below n on the given number of
// goroutines, and returns when all calls have.
func Each(workers, n int, fn func(worker, i int)) {
	jobs := make(chan int, 256)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range jobs {
				fn(w, i)
			}
		}(w)
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// Ordered calls produce(n) for every n below count on a pool of workers and
// use with the results in the order of n, holding at most ahead results
// at once. It stops at the first error, from either.
func Ordered[T any](workers, ahead, count int, produce func(n int) (T, error), use func(T) error) error {
	type result struct {
		v   T
		err error
	}
	var stop atomic.Bool
	slots := make(chan chan result, ahead)
	jobs := make(chan struct {
		n   int
		out chan result
	})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var r result
				if !stop.Load() {
					r.v, r.err = produce(j.n)
				}
				j.out <- r
			}
		}()
	}
	go func() {
		for n := 0; n < count && !stop.Load(); n++ {
			out := make(chan result, 1)
			slots <- out // waits while ahead results are pending
			jobs <- struct {
				n   int
				out chan result
			}{n, out}
		}
		close(slots)
		close(jobs)
	}()
	var first error
	for out := range slots {
		r := <-out
		if first != nil {
			continue
		}
		if first = r.err; first == nil {
			first = use(r.v)
		}
		if first != nil {
			stop.Store(true)
		}
	}
	wg.Wait()
	return first
}
