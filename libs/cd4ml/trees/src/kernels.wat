;; Hot loops of tree training, as WebAssembly: the same loops in JavaScript ran 2.7x slower here
;; (V8 checks every typed-array access for a detached buffer once any buffer has been detached,
;; which tsx does at start-up; wasm memory accesses carry no such check).
;; Source of truth for kernels-wasm.ts: rebuild with `sh libs/cd4ml/trees/src/build-kernels.sh`.
;; All pointers are byte offsets into the one shared memory; all counts are unsigned.
;; A histogram is nb bins of (f64 sum of gradients, f64 count), 16 bytes per bin.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Histograms of a group of features over rows[start, end) with their gradients grad[rows[i]], in
  ;; one pass over the rows (the rows and gradients are read once per group, not once per feature, and
  ;; the features' gathers overlap: up to 1.9x on scattered nodes of 4.7M rows). Feature k of the
  ;; group is described at desc + 32k: its column, its scratch `sub`, its histogram, its bin count.
  ;; Consecutive rows often share a bin (the sales rows are sorted by date) and each add would wait for
  ;; the previous store, so rows go round-robin to 4 copies of each histogram in `sub` (4 x 16 bytes
  ;; per bin), summed at the end as (c0 + c1) + (c2 + c3): fit 8.9 s -> 6.8 s at 150k rows (in JS then). A feature's sums do not depend on the group
  ;; it is in, so neither does the model.
  (func (export "hist_rows")
    (param $desc i32) (param $nf i32) (param $rows i32) (param $grad i32) (param $start i32) (param $end i32)
    (local $p i32) (local $last i32) (local $d i32) (local $dend i32) (local $col i32) (local $k i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $g0 f64) (local $g1 f64) (local $g2 f64) (local $g3 f64)
    (local.set $dend (i32.add (local.get $desc) (i32.shl (local.get $nf) (i32.const 5))))
    (local.set $d (local.get $desc))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $d) (local.get $dend)))
        (memory.fill (i32.load offset=4 (local.get $d)) (i32.const 0) (i32.shl (i32.load offset=12 (local.get $d)) (i32.const 6)))
        (local.set $d (i32.add (local.get $d) (i32.const 32)))
        (br $zero)))
    (local.set $p (i32.add (local.get $rows) (i32.shl (local.get $start) (i32.const 2))))
    (local.set $last (i32.add (local.get $rows) (i32.shl (local.get $end) (i32.const 2))))
    (block $done4
      (loop $four
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $last)))
        (local.set $r0 (i32.load (local.get $p)))
        (local.set $r1 (i32.load offset=4 (local.get $p)))
        (local.set $r2 (i32.load offset=8 (local.get $p)))
        (local.set $r3 (i32.load offset=12 (local.get $p)))
        (local.set $g0 (f64.promote_f32 (f32.load (i32.add (local.get $grad) (i32.shl (local.get $r0) (i32.const 2))))))
        (local.set $g1 (f64.promote_f32 (f32.load (i32.add (local.get $grad) (i32.shl (local.get $r1) (i32.const 2))))))
        (local.set $g2 (f64.promote_f32 (f32.load (i32.add (local.get $grad) (i32.shl (local.get $r2) (i32.const 2))))))
        (local.set $g3 (f64.promote_f32 (f32.load (i32.add (local.get $grad) (i32.shl (local.get $r3) (i32.const 2))))))
        (local.set $d (local.get $desc))
        (block $features
          (loop $feature
            (br_if $features (i32.ge_u (local.get $d) (local.get $dend)))
            (local.set $col (i32.load (local.get $d)))
            (local.set $k (i32.add (i32.load offset=4 (local.get $d)) (i32.shl (i32.load8_u (i32.add (local.get $col) (local.get $r0))) (i32.const 6))))
            (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $g0)))
            (f64.store offset=8 (local.get $k) (f64.add (f64.load offset=8 (local.get $k)) (f64.const 1)))
            (local.set $k (i32.add (i32.load offset=4 (local.get $d)) (i32.shl (i32.load8_u (i32.add (local.get $col) (local.get $r1))) (i32.const 6))))
            (f64.store offset=16 (local.get $k) (f64.add (f64.load offset=16 (local.get $k)) (local.get $g1)))
            (f64.store offset=24 (local.get $k) (f64.add (f64.load offset=24 (local.get $k)) (f64.const 1)))
            (local.set $k (i32.add (i32.load offset=4 (local.get $d)) (i32.shl (i32.load8_u (i32.add (local.get $col) (local.get $r2))) (i32.const 6))))
            (f64.store offset=32 (local.get $k) (f64.add (f64.load offset=32 (local.get $k)) (local.get $g2)))
            (f64.store offset=40 (local.get $k) (f64.add (f64.load offset=40 (local.get $k)) (f64.const 1)))
            (local.set $k (i32.add (i32.load offset=4 (local.get $d)) (i32.shl (i32.load8_u (i32.add (local.get $col) (local.get $r3))) (i32.const 6))))
            (f64.store offset=48 (local.get $k) (f64.add (f64.load offset=48 (local.get $k)) (local.get $g3)))
            (f64.store offset=56 (local.get $k) (f64.add (f64.load offset=56 (local.get $k)) (f64.const 1)))
            (local.set $d (i32.add (local.get $d) (i32.const 32)))
            (br $feature)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $four)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
        (local.set $r0 (i32.load (local.get $p)))
        (local.set $g0 (f64.promote_f32 (f32.load (i32.add (local.get $grad) (i32.shl (local.get $r0) (i32.const 2))))))
        (local.set $d (local.get $desc))
        (block $features1
          (loop $feature1
            (br_if $features1 (i32.ge_u (local.get $d) (local.get $dend)))
            (local.set $k (i32.add (i32.load offset=4 (local.get $d)) (i32.shl (i32.load8_u (i32.add (i32.load (local.get $d)) (local.get $r0))) (i32.const 6))))
            (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $g0)))
            (f64.store offset=8 (local.get $k) (f64.add (f64.load offset=8 (local.get $k)) (f64.const 1)))
            (local.set $d (i32.add (local.get $d) (i32.const 32)))
            (br $feature1)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $one)))
    (local.set $d (local.get $desc))
    (block $merged
      (loop $merge
        (br_if $merged (i32.ge_u (local.get $d) (local.get $dend)))
        (call $merge4 (i32.load offset=8 (local.get $d)) (i32.load offset=4 (local.get $d)) (i32.load offset=12 (local.get $d)))
        (local.set $d (i32.add (local.get $d) (i32.const 32)))
        (br $merge))))

  ;; h[b] = (copy 0 + copy 1) + (copy 2 + copy 3) for the sums and for the counts (sub: 64 bytes per bin).
  (func $merge4 (param $h i32) (param $sub i32) (param $nb i32)
    (local $last i32)
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

  ;; Histograms of a group of features over all rows 0..n-1 in order (the root of a tree that sees
  ;; every row): no gather, the gradients are read once per group, and the counts never change, so
  ;; they come from feature k's `counts` (desc + 32k + 16; f64 per bin, see count_bins) and only the
  ;; gradients are summed (1.5x on this pass), in 4 round-robin copies (4 x 8 bytes per bin) as above.
  (func (export "hist_root") (param $desc i32) (param $nf i32) (param $grad i32) (param $n i32)
    (local $r i32) (local $g i32) (local $d i32) (local $dend i32) (local $col i32) (local $sub i32) (local $k i32)
    (local $h i32) (local $last i32) (local $counts i32)
    (local $g0 f64) (local $g1 f64) (local $g2 f64) (local $g3 f64)
    (local.set $dend (i32.add (local.get $desc) (i32.shl (local.get $nf) (i32.const 5))))
    (local.set $d (local.get $desc))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $d) (local.get $dend)))
        (memory.fill (i32.load offset=4 (local.get $d)) (i32.const 0) (i32.shl (i32.load offset=12 (local.get $d)) (i32.const 5)))
        (local.set $d (i32.add (local.get $d) (i32.const 32)))
        (br $zero)))
    (local.set $g (local.get $grad))
    (block $done4
      (loop $four
        (br_if $done4 (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $n)))
        (local.set $g0 (f64.promote_f32 (f32.load (local.get $g))))
        (local.set $g1 (f64.promote_f32 (f32.load offset=4 (local.get $g))))
        (local.set $g2 (f64.promote_f32 (f32.load offset=8 (local.get $g))))
        (local.set $g3 (f64.promote_f32 (f32.load offset=12 (local.get $g))))
        (local.set $d (local.get $desc))
        (block $features
          (loop $feature
            (br_if $features (i32.ge_u (local.get $d) (local.get $dend)))
            (local.set $col (i32.add (i32.load (local.get $d)) (local.get $r)))
            (local.set $sub (i32.load offset=4 (local.get $d)))
            (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u (local.get $col)) (i32.const 5))))
            (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $g0)))
            (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u offset=1 (local.get $col)) (i32.const 5))))
            (f64.store offset=8 (local.get $k) (f64.add (f64.load offset=8 (local.get $k)) (local.get $g1)))
            (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u offset=2 (local.get $col)) (i32.const 5))))
            (f64.store offset=16 (local.get $k) (f64.add (f64.load offset=16 (local.get $k)) (local.get $g2)))
            (local.set $k (i32.add (local.get $sub) (i32.shl (i32.load8_u offset=3 (local.get $col)) (i32.const 5))))
            (f64.store offset=24 (local.get $k) (f64.add (f64.load offset=24 (local.get $k)) (local.get $g3)))
            (local.set $d (i32.add (local.get $d) (i32.const 32)))
            (br $feature)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br $four)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $g0 (f64.promote_f32 (f32.load (local.get $g))))
        (local.set $d (local.get $desc))
        (block $features1
          (loop $feature1
            (br_if $features1 (i32.ge_u (local.get $d) (local.get $dend)))
            (local.set $k (i32.add (i32.load offset=4 (local.get $d)) (i32.shl (i32.load8_u (i32.add (i32.load (local.get $d)) (local.get $r))) (i32.const 5))))
            (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $g0)))
            (local.set $d (i32.add (local.get $d) (i32.const 32)))
            (br $feature1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (br $one)))
    (local.set $d (local.get $desc))
    (block $merged
      (loop $merge
        (br_if $merged (i32.ge_u (local.get $d) (local.get $dend)))
        (local.set $sub (i32.load offset=4 (local.get $d)))
        (local.set $h (i32.load offset=8 (local.get $d)))
        (local.set $counts (i32.load offset=16 (local.get $d)))
        (local.set $last (i32.add (local.get $h) (i32.shl (i32.load offset=12 (local.get $d)) (i32.const 4))))
        (block $bins
          (loop $bin
            (br_if $bins (i32.ge_u (local.get $h) (local.get $last)))
            (f64.store (local.get $h) (f64.add
              (f64.add (f64.load (local.get $sub)) (f64.load offset=8 (local.get $sub)))
              (f64.add (f64.load offset=16 (local.get $sub)) (f64.load offset=24 (local.get $sub)))))
            (f64.store offset=8 (local.get $h) (f64.load (local.get $counts)))
            (local.set $h (i32.add (local.get $h) (i32.const 16)))
            (local.set $counts (i32.add (local.get $counts) (i32.const 8)))
            (local.set $sub (i32.add (local.get $sub) (i32.const 32)))
            (br $bin)))
        (local.set $d (i32.add (local.get $d) (i32.const 32)))
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
  ;; sides and only the side's cursor moves (not timed on its own). Returns the first index of the right side.
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

  ;; pred[rows[i]] += value for i in [start, end): a leaf's value added to its rows (2.4x the JS loop at 4.7M rows).
  (func (export "add_leaf") (param $pred i32) (param $rows i32) (param $start i32) (param $end i32) (param $value f64)
    (local $p i32) (local $last i32) (local $k i32)
    (local.set $p (i32.add (local.get $rows) (i32.shl (local.get $start) (i32.const 2))))
    (local.set $last (i32.add (local.get $rows) (i32.shl (local.get $end) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
        (local.set $k (i32.add (local.get $pred) (i32.shl (i32.load (local.get $p)) (i32.const 3))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $value)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $next))))

  ;; Walks a tree for `count` rows (rows[0..count) or, when $all is 1, rows 0..count-1) and adds the
  ;; leaf value to pred[row]. Node i is at nodes + 16i: feature (-1 for a leaf), bin, left, right
  ;; (i32); its value is the f64 at vals + 8i. "code <= bin" goes left.
  (func (export "walk_tree")
    (param $nodes i32) (param $vals i32) (param $codes i32) (param $nRows i32) (param $rows i32) (param $count i32) (param $all i32) (param $pred i32)
    (local $i i32) (local $r i32) (local $node i32) (local $f i32) (local $k i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (if (local.get $all)
          (then (local.set $r (local.get $i)))
          (else (local.set $r (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))))))
        (local.set $node (local.get $nodes))
        (block $leaf
          (loop $down
            (local.set $f (i32.load (local.get $node)))
            (br_if $leaf (i32.lt_s (local.get $f) (i32.const 0)))
            (local.set $node (i32.add (local.get $nodes) (i32.shl
              (select (i32.load offset=8 (local.get $node)) (i32.load offset=12 (local.get $node))
                (i32.le_u (i32.load8_u (i32.add (local.get $codes) (i32.add (i32.mul (local.get $f) (local.get $nRows)) (local.get $r))))
                  (i32.load offset=4 (local.get $node))))
              (i32.const 4))))
            (br $down)))
        (local.set $k (i32.add (local.get $pred) (i32.shl (local.get $r) (i32.const 3))))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k))
          (f64.load (i32.add (local.get $vals) (i32.shr_u (i32.sub (local.get $node) (local.get $nodes)) (i32.const 1))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

  ;; grad[i] = f32(pred[i] - y[i]) for i in 0..n-1; returns the sum of (pred[i] - y[i])^2, in index order
  ;; (the same bits as the JS loop, 2.4x faster at 4.7M rows).
  (func (export "residuals") (param $pred i32) (param $y i32) (param $grad i32) (param $n i32) (result f64)
    (local $i i32) (local $d f64) (local $s f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $d (f64.sub
          (f64.load (i32.add (local.get $pred) (i32.shl (local.get $i) (i32.const 3))))
          (f64.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))))
        (f32.store (i32.add (local.get $grad) (i32.shl (local.get $i) (i32.const 2))) (f32.demote_f64 (local.get $d)))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $d) (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))

  ;; Bins column c of a row-major float32 block (count rows of nCols values at `values`) into
  ;; out[0..count): the first b with v <= bounds[b] (nBounds increasing float32 bounds), else
  ;; nBounds; NaN -> 0. A branch-free lower bound: the same codes as bins.ts binIndex, 3x faster
  ;; than it (2.8 s -> 0.94 s for 4.7M rows x 21 features).
  (func (export "bin_column")
    (param $values i32) (param $nCols i32) (param $c i32) (param $count i32) (param $bounds i32) (param $nBounds i32) (param $out i32)
    (local $i i32) (local $p i32) (local $v f32) (local $lo i32) (local $len i32) (local $half i32) (local $less i32)
    (local.set $p (i32.add (local.get $values) (i32.shl (local.get $c) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $v (f32.load (local.get $p)))
        (local.set $lo (i32.const 0))
        (local.set $len (select (local.get $nBounds) (i32.const 0) (f32.eq (local.get $v) (local.get $v))))
        (block $found
          (loop $search
            (br_if $found (i32.eqz (local.get $len)))
            (local.set $half (i32.shr_u (local.get $len) (i32.const 1)))
            (local.set $less (f32.lt
              (f32.load (i32.add (local.get $bounds) (i32.shl (i32.add (local.get $lo) (local.get $half)) (i32.const 2))))
              (local.get $v)))
            (local.set $lo (select (i32.add (i32.add (local.get $lo) (local.get $half)) (i32.const 1)) (local.get $lo) (local.get $less)))
            (local.set $len (select (i32.sub (i32.sub (local.get $len) (local.get $half)) (i32.const 1)) (local.get $half) (local.get $less)))
            (br $search)))
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $lo))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $nCols) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)
