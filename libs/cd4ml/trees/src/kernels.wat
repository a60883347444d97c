;; Hot loops of tree training, as WebAssembly: the same loops in JavaScript ran 2.7x slower here
;; (V8 checks every typed-array access for a detached buffer once any buffer has been detached,
;; which tsx does at start-up; wasm memory accesses carry no such check).
;; Source of truth for kernels-wasm.ts: rebuild with `sh libs/cd4ml/trees/src/build-kernels.sh`.
;; All pointers are byte offsets into the one shared memory; all counts are unsigned.
;; A histogram is nb bins of (f64 sum of gradients, f64 count), 16 bytes per bin.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; og[i] = grad[rows[i]] for i in [start, end): the node's gradients in row order ("ordered gradients").
  (func (export "gather") (param $og i32) (param $grad i32) (param $rows i32) (param $start i32) (param $end i32)
    (local $i i32)
    (local.set $i (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (f32.store
          (i32.add (local.get $og) (i32.shl (local.get $i) (i32.const 2)))
          (f32.load (i32.add (local.get $grad)
            (i32.shl (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; Histogram of one feature column over rows[start, end) with their ordered gradients og[start, end).
  ;; Consecutive rows often share a bin (the sales rows are sorted by date) and each add would wait for
  ;; the previous store, so rows go round-robin to 4 copies of the histogram in `sub` (4 x 16 bytes
  ;; per bin), summed at the end as (c0 + c1) + (c2 + c3).
  (func (export "hist_rows")
    (param $h i32) (param $col i32) (param $rows i32) (param $og i32) (param $start i32) (param $end i32) (param $nb i32) (param $sub i32)
    (local $p i32) (local $q i32) (local $last i32) (local $k i32)
    (memory.fill (local.get $sub) (i32.const 0) (i32.shl (local.get $nb) (i32.const 6)))
    (local.set $p (i32.add (local.get $rows) (i32.shl (local.get $start) (i32.const 2))))
    (local.set $q (i32.add (local.get $og) (i32.shl (local.get $start) (i32.const 2))))
    (local.set $last (i32.add (local.get $rows) (i32.shl (local.get $end) (i32.const 2))))
    (block $done4
      (loop $four
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $last)))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (i32.add (local.get $col) (i32.load (local.get $p)))) (i32.const 6))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.promote_f32 (f32.load (local.get $q)))))
        (f64.store offset=8 (local.get $k) (f64.add (f64.load offset=8 (local.get $k)) (f64.const 1)))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (i32.add (local.get $col) (i32.load offset=4 (local.get $p)))) (i32.const 6))))
        (f64.store offset=16 (local.get $k) (f64.add (f64.load offset=16 (local.get $k)) (f64.promote_f32 (f32.load offset=4 (local.get $q)))))
        (f64.store offset=24 (local.get $k) (f64.add (f64.load offset=24 (local.get $k)) (f64.const 1)))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (i32.add (local.get $col) (i32.load offset=8 (local.get $p)))) (i32.const 6))))
        (f64.store offset=32 (local.get $k) (f64.add (f64.load offset=32 (local.get $k)) (f64.promote_f32 (f32.load offset=8 (local.get $q)))))
        (f64.store offset=40 (local.get $k) (f64.add (f64.load offset=40 (local.get $k)) (f64.const 1)))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (i32.add (local.get $col) (i32.load offset=12 (local.get $p)))) (i32.const 6))))
        (f64.store offset=48 (local.get $k) (f64.add (f64.load offset=48 (local.get $k)) (f64.promote_f32 (f32.load offset=12 (local.get $q)))))
        (f64.store offset=56 (local.get $k) (f64.add (f64.load offset=56 (local.get $k)) (f64.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $four)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (i32.add (local.get $col) (i32.load (local.get $p)))) (i32.const 6))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.promote_f32 (f32.load (local.get $q)))))
        (f64.store offset=8 (local.get $k) (f64.add (f64.load offset=8 (local.get $k)) (f64.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $one)))
    ;; h[b] = (copy 0 + copy 1) + (copy 2 + copy 3), for the sums and for the counts
    (local.set $last (i32.add (local.get $h) (i32.shl (local.get $nb) (i32.const 4))))
    (block $merged
      (loop $merge
        (br_if $merged (i32.ge_u (local.get $h) (local.get $last)))
        (f64.store (local.get $h) (f64.add
          (f64.add (f64.load (local.get $sub)) (f64.load offset=16 (local.get $sub)))
          (f64.add (f64.load offset=32 (local.get $sub)) (f64.load offset=48 (local.get $sub)))))
        (f64.store offset=8 (local.get $h) (f64.add
          (f64.add (f64.load offset=8 (local.get $sub)) (f64.load offset=24 (local.get $sub)))
          (f64.add (f64.load offset=40 (local.get $sub)) (f64.load offset=56 (local.get $sub)))))
        (local.set $h (i32.add (local.get $h) (i32.const 16)))
        (local.set $sub (i32.add (local.get $sub) (i32.const 64)))
        (br $merge))))

  ;; Histogram of one feature column over all rows 0..n-1 in order (the root of a tree that sees every
  ;; row): no gather, and the counts never change, so they come from `counts` (f64 per bin, see
  ;; count_bins) and only the gradients are summed, in 4 copies (4 x 8 bytes per bin) as above.
  (func (export "hist_root")
    (param $h i32) (param $col i32) (param $grad i32) (param $n i32) (param $nb i32) (param $counts i32) (param $sub i32)
    (local $r i32) (local $g i32) (local $k i32) (local $last i32)
    (memory.fill (local.get $sub) (i32.const 0) (i32.shl (local.get $nb) (i32.const 5)))
    (local.set $r (local.get $col))
    (local.set $g (local.get $grad))
    (local.set $last (i32.add (local.get $col) (local.get $n)))
    (block $done4
      (loop $four
        (br_if $done4 (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $last)))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (local.get $r)) (i32.const 5))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.promote_f32 (f32.load (local.get $g)))))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u offset=1 (local.get $r)) (i32.const 5))))
        (f64.store offset=8 (local.get $k) (f64.add (f64.load offset=8 (local.get $k)) (f64.promote_f32 (f32.load offset=4 (local.get $g)))))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u offset=2 (local.get $r)) (i32.const 5))))
        (f64.store offset=16 (local.get $k) (f64.add (f64.load offset=16 (local.get $k)) (f64.promote_f32 (f32.load offset=8 (local.get $g)))))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u offset=3 (local.get $r)) (i32.const 5))))
        (f64.store offset=24 (local.get $k) (f64.add (f64.load offset=24 (local.get $k)) (f64.promote_f32 (f32.load offset=12 (local.get $g)))))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br $four)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $r) (local.get $last)))
        (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (local.get $r)) (i32.const 5))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.promote_f32 (f32.load (local.get $g)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (br $one)))
    (local.set $last (i32.add (local.get $h) (i32.shl (local.get $nb) (i32.const 4))))
    (block $merged
      (loop $merge
        (br_if $merged (i32.ge_u (local.get $h) (local.get $last)))
        (f64.store (local.get $h) (f64.add
          (f64.add (f64.load (local.get $sub)) (f64.load offset=8 (local.get $sub)))
          (f64.add (f64.load offset=16 (local.get $sub)) (f64.load offset=24 (local.get $sub)))))
        (f64.store offset=8 (local.get $h) (f64.load (local.get $counts)))
        (local.set $h (i32.add (local.get $h) (i32.const 16)))
        (local.set $counts (i32.add (local.get $counts) (i32.const 8)))
        (local.set $sub (i32.add (local.get $sub) (i32.const 32)))
        (br $merge))))

  ;; counts[b] = number of rows 0..n-1 whose code is b (f64 per bin, nb bins).
  (func (export "count_bins") (param $counts i32) (param $col i32) (param $n i32) (param $nb i32)
    (local $r i32) (local $last i32) (local $k i32)
    (memory.fill (local.get $counts) (i32.const 0) (i32.shl (local.get $nb) (i32.const 3)))
    (local.set $r (local.get $col))
    (local.set $last (i32.add (local.get $col) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $r) (local.get $last)))
        (local.set $k (i32.add (local.get $counts) (i32.shl (i32.load8_u (local.get $r)) (i32.const 3))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (f64.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next))))

  ;; Stable partition of rows[start, end) on one feature column: rows whose code is <= bin first, in
  ;; order, then the others, in order (through `scratch`). Branch-free: every row is written to both
  ;; sides and only the side's cursor moves. Returns the first index of the right side.
  (func (export "partition") (param $col i32) (param $bin i32) (param $rows i32) (param $scratch i32) (param $start i32) (param $end i32) (result i32)
    (local $p i32) (local $last i32) (local $w i32) (local $s i32) (local $r i32) (local $right i32)
    (local.set $p (i32.add (local.get $rows) (i32.shl (local.get $start) (i32.const 2))))
    (local.set $last (i32.add (local.get $rows) (i32.shl (local.get $end) (i32.const 2))))
    (local.set $w (local.get $p))
    (local.set $s (local.get $scratch))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
        (local.set $r (i32.load (local.get $p)))
        (local.set $right (i32.gt_u (i32.load8_u (i32.add (local.get $col) (local.get $r))) (local.get $bin)))
        (i32.store (local.get $w) (local.get $r))
        (i32.store (local.get $s) (local.get $r))
        (local.set $w (i32.add (local.get $w) (i32.shl (i32.xor (local.get $right) (i32.const 1)) (i32.const 2))))
        (local.set $s (i32.add (local.get $s) (i32.shl (local.get $right) (i32.const 2))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $next)))
    (memory.copy (local.get $w) (local.get $scratch) (i32.sub (local.get $s) (local.get $scratch)))
    (i32.shr_u (i32.sub (local.get $w) (local.get $rows)) (i32.const 2)))
)
