/* Rank a query's documents by exact BM25 in one compiled walk over its postings.
 *
 * walk.py's NumPy-free path: document-at-a-time MaxScore (Turtle and Flood). Terms are
 * ordered by their score bounds; once the k-th best score so far, theta, exceeds the
 * summed bounds of the lowest terms, those become non-essential: documents are taken
 * only from the other terms' postings, and a non-essential term is looked up (a dense
 * row of frequencies, a row of units saying the term is absent, or a galloping search
 * forward in its postings) only while the document can still reach theta. The k
 * documents of the shortest postings with the largest shares are scored first, so
 * theta starts high. Each document's length norm is read through a small table
 * (`table[code[doc]]`, one byte or two per document, not eight): at a million
 * documents that read was the walk's main cost in cache misses.
 *
 * Scores are rank-bm25's to the bit: idf * (f * (k1 + 1) / (f + norm)) per term, added
 * in query order (built with -ffp-contract=off, so no fused multiply-add), exactly the
 * float operations of Postings.exact. Bounds are summed in another order, so they are
 * compared with theta less a relative margin of 1e-9, as topk.py does.
 *
 * top(terms, tokens, table, code, k, (walk_most, seed_most), scale)
 *   terms:  sequence of (docs int32, tf uint8/16/32, idf, bound, count, dense_tf row
 *           (tf's type) or None, units uint8 row or None, unit, units uint8 of each
 *           posting or None), one per distinct query term: its postings sorted by
 *           document, its largest share times count, its count in the query, and what
 *           one of its units is worth (times count)
 *   tokens: tuple of indexes into terms, in query order, repeats included
 *   table:  float64 length norms; code: uint8/16/32 per document, an index into table
 *   limits: the shortest postings seed theta when they hold at most seed_most; then
 *           the walk goes on only if the terms still essential hold at most walk_most
 *           postings in all, else every document's units are summed (_sums.c), the
 *           seeds kept. walk.py sets both.
 *   scale:  what one unit is worth (Postings.impact_scale)
 * Returns (int64 bytes of documents, float64 bytes of their scores): the k best with a
 * positive score, in no particular order; or None when the sums could overflow 16 bits
 * (topk.py takes the query then). A document id or length code out of range, or
 * postings out of order (a damaged index), raise Damaged, a ValueError.
 * Only the buffer protocol is used: no NumPy headers are needed to build it.
 */
#include "_walk.h"

static PyObject *Damaged; /* ValueError for an id or code out of range, postings out of order */

/* Take a contiguous buffer of o whose items are of one of the sizes (powers of two) in
 * the mask. */
static int view(PyObject *o, Py_buffer *v, const char *what, int sizes) {
    if (PyObject_GetBuffer(o, v, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    Py_ssize_t size = v->itemsize;
    if (size < 1 || size > 8 || (size & (size - 1)) || !(sizes & (int)size)) {
        PyErr_Format(PyExc_ValueError, "%s: items of %zd bytes", what, v->itemsize);
        PyBuffer_Release(v);
        return -1;
    }
    return 0;
}

static void release(Term *terms, int n) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < terms[i].held; j++) PyBuffer_Release(&terms[i].views[j]);
}

/* Read one (docs, tf, idf, bound, count, dense, units, unit, own) tuple into t. */
static int read_term(PyObject *o, Term *t, Py_ssize_t size) {
    PyObject *docs, *tf, *dense, *units, *own;
    Py_buffer *v = t->views;
    t->held = 0;
    if (!PyArg_ParseTuple(o, "OOddiOOdO", &docs, &tf, &t->idf, &t->bound, &t->count, &dense,
                          &units, &t->unit, &own))
        return -1;
    if (view(docs, &v[0], "docs", 4) < 0) return -1;
    t->held = 1;
    if (view(tf, &v[1], "tf", UINTS) < 0) return -1;
    t->held = 2;
    t->docs = v[0].buf;
    t->len = v[0].len / 4;
    t->tf = v[1].buf;
    t->tf_size = (int)v[1].itemsize;
    t->pos = 0;
    t->dense = NULL;
    t->units = t->own = NULL;
    if (v[1].len / v[1].itemsize != t->len || t->count < 1) {
        PyErr_SetString(PyExc_ValueError, "a term's postings and frequencies differ in length");
        return -1;
    }
    if (dense != Py_None) {
        if (view(dense, &v[t->held], "dense row", UINTS) < 0) return -1;
        t->dense = v[t->held].buf;
        t->dense_size = (int)v[t->held].itemsize;
        if (v[t->held++].len / t->dense_size != size) goto row;
    }
    if (units != Py_None) {
        if (view(units, &v[t->held], "units row", 1) < 0) return -1;
        t->units = v[t->held].buf;
        if (v[t->held++].len != size) goto row;
    }
    if (own != Py_None) {
        if (view(own, &v[t->held], "posting units", 1) < 0) return -1;
        t->own = v[t->held].buf;
        if (v[t->held++].len != t->len) {
            PyErr_SetString(PyExc_ValueError, "a term's postings and units differ in length");
            return -1;
        }
    }
    return 0;
row:
    PyErr_SetString(PyExc_ValueError, "a row's length is not the number of documents");
    return -1;
}

/* Seed heap with k documents scored exactly: those of the shortest postings with the
 * largest shares, or units where the postings have their own (no norm need be read:
 * any k documents bound theta from below, the best k only bound it best). */
static int seed(Term *T, int n, const int *tokens, Py_ssize_t m, const Norms *nm, Item *heap,
                int k, int *bad) {
    int r = 0, tn = 0, hn = 0;
    Item *best = malloc(sizeof(Item) * (size_t)k);
    if (!best) return -2;
    for (int i = 1; i < n; i++)
        if (T[i].len < T[r].len) r = i;
    for (Py_ssize_t j = 0; j < T[r].len; j++) {
        Item item;
        item.doc = T[r].docs[j];
        if (T[r].own) {
            item.score = T[r].own[j];
        } else {
            if (!valid(nm, item.doc)) { *bad = 1; break; }
            item.score = share(T[r].idf, read_uint(T[r].tf, T[r].tf_size, j), norm_of(nm, item.doc));
        }
        tn = keep(best, tn, k, item);
    }
    if (!*bad) hn = score_all(T, n, tokens, m, nm, heap, 0, k, best, tn, 0);
    if (hn < 0) {
        *bad = 1;
        hn = 0;
    }
    free(best);
    return hn;
}

/* The walk itself; returns the heap's size (-2 out of memory), with *left set when it
 * left the query after seeding the heap. limits: walk_most, seed_most (see top()). */
static int run(Term *T, int n, const int *tokens, Py_ssize_t m, const Norms *nm, Item *heap,
               int k, const Py_ssize_t *limits, int *left, int *bad) {
    double bounds[MOST_TERMS], theta = 0, acc = 0;
    unsigned f[MOST_TERMS];
    int hn = 0, lazy = 0, seeded = 0; /* terms below lazy are non-essential */
    Py_ssize_t essential = 0;
    for (int i = 0; i < n; i++) bounds[i] = acc += T[i].bound;
    for (int i = 0; i < n; i++)
        if (T[i].len <= limits[1]) seeded = 1;
    if (seeded) {
        hn = seed(T, n, tokens, m, nm, heap, k, bad);
        if (hn < 0 || *bad) return hn;  /* out of memory, or a damaged index */
    }
    if (hn == k) {
        theta = heap[0].score * (1 - MARGIN);
        while (lazy < n && bounds[lazy] < theta) lazy++;
    }
    for (int i = lazy; i < n; i++) essential += T[i].len;
    if (essential > limits[0]) {
        *left = 1;
        return hn;
    }
    while (lazy < n) {
        int32_t d = INT32_MAX;
        double s = 0, norm;
        int pruned = 0, dup = 0;
        Item item;
        for (int i = lazy; i < n; i++)
            if (T[i].pos < T[i].len && T[i].docs[T[i].pos] < d) d = T[i].docs[T[i].pos];
        if (d == INT32_MAX) break;
        /* First bound d without its norm: by its postings' own units where they have
         * them, else by each share at the smallest norm. A document that cannot reach
         * theta is dropped before its norm is read. */
        for (int i = lazy; i < n; i++) {
            Term *t = &T[i];
            f[i] = 0;
            if (t->pos < t->len && t->docs[t->pos] == d) {
                f[i] = read_uint(t->tf, t->tf_size, t->pos);
                s += t->own ? t->own[t->pos] * t->unit : t->count * share(t->idf, f[i], nm->least);
                t->pos++;
            }
        }
        if (s + (lazy ? bounds[lazy - 1] : 0) < theta) continue;
        if (!valid(nm, d)) { *bad = 1; return hn; }
        norm = norm_of(nm, d);
        s = 0;
        for (int i = lazy; i < n; i++)
            if (f[i]) s += T[i].count * share(T[i].idf, f[i], norm);
        for (int i = lazy - 1; i >= 0 && !pruned; i--) {
            Term *t = &T[i];
            if (s + bounds[i] < theta) { pruned = 1; break; }
            f[i] = 0;
            if (t->dense) {
                f[i] = read_uint(t->dense, t->dense_size, d);
            } else if (t->units) {
                unsigned u = t->units[d];
                if (!u) continue;
                /* Units round each share up: a bound, not the share. */
                if (s + (i ? bounds[i - 1] : 0) + u * t->unit < theta) { pruned = 1; break; }
            }
            if (!t->dense) {
                t->pos = advance(t, t->pos, d);
                if (t->pos < t->len && t->docs[t->pos] == d)
                    f[i] = read_uint(t->tf, t->tf_size, t->pos);
            }
            if (f[i]) s += t->count * share(t->idf, f[i], norm);
        }
        if (pruned) continue;
        item.doc = d;
        item.score = exact(T, tokens, m, f, norm);
        if (!(item.score > 0) || (hn == k && !below(heap[0], item))) continue;
        for (int j = 0; j < hn && seeded; j++)
            if (heap[j].doc == d) dup = 1;
        if (dup) continue;
        hn = keep(heap, hn, k, item);
        if (hn == k) {
            theta = heap[0].score * (1 - MARGIN);
            while (lazy < n && bounds[lazy] < theta) lazy++;
        }
    }
    return hn;
}

static PyObject *top(PyObject *self, PyObject *args) {
    PyObject *terms, *tokens, *table, *code, *result = NULL;
    Py_ssize_t limits[2], n, m;
    Py_buffer vt, vc;
    double scale;
    Term T[MOST_TERMS];
    int order[MOST_TERMS], where[MOST_TERMS], tok[MOST_TOKENS];
    int k, got = 0, hn = 0, bad = 0, left = 0;
    Norms nm;
    Item *heap = NULL;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO!OOi(nn)d", &terms, &PyTuple_Type, &tokens, &table, &code,
                          &k, &limits[0], &limits[1], &scale))
        return NULL;
    n = PySequence_Size(terms);
    m = PyTuple_GET_SIZE(tokens);
    if (n < 1 || n > MOST_TERMS || m < 1 || m > MOST_TOKENS || k < 1) {
        PyErr_SetString(PyExc_ValueError, "walk: 1-64 terms, 1-1024 tokens and k >= 1");
        return NULL;
    }
    if (view(table, &vt, "table", 8) < 0) return NULL;
    if (view(code, &vc, "code", UINTS) < 0) {
        PyBuffer_Release(&vt);
        return NULL;
    }
    nm.table = vt.buf;
    nm.table_len = vt.len / 8;
    nm.least = nm.table_len ? nm.table[0] : 0;
    for (Py_ssize_t i = 1; i < nm.table_len; i++)
        if (nm.table[i] < nm.least) nm.least = nm.table[i];
    nm.code = vc.buf;
    nm.code_size = (int)vc.itemsize;
    nm.size = vc.len / vc.itemsize;
    if (k > nm.size) k = nm.size > 0 ? (int)nm.size : 1;
    for (; got < n; got++) {
        PyObject *item = PySequence_GetItem(terms, got);
        int fail;
        T[got].held = 0;
        fail = !item || read_term(item, &T[got], nm.size) < 0;
        Py_XDECREF(item);
        if (fail) {
            got++; /* its views taken so far are released below */
            goto done;
        }
    }
    { /* lowest bounds first (n is small), remembering where each term went */
        Term sorted[MOST_TERMS];
        for (int i = 0; i < n; i++) {
            int j = i;
            for (; j > 0 && T[order[j - 1]].bound > T[i].bound; j--) order[j] = order[j - 1];
            order[j] = i;
        }
        for (int i = 0; i < n; i++) {
            sorted[i] = T[order[i]];
            where[order[i]] = i;
        }
        for (int i = 0; i < n; i++) T[i] = sorted[i];
    }
    for (Py_ssize_t j = 0; j < m; j++) {
        long at = PyLong_AsLong(PyTuple_GET_ITEM(tokens, j));
        if (at < 0 || at >= n) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a token names no term");
            goto done;
        }
        tok[j] = where[at];
    }
    heap = malloc(sizeof(Item) * (size_t)k);
    if (!heap) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    hn = run(T, (int)n, tok, m, &nm, heap, k, limits, &left, &bad);
    if (left && !bad) hn = sums(T, (int)n, tok, m, &nm, heap, hn, k, scale, &bad);
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(Damaged, "the index names a document it does not hold");
    } else if (hn == -2) {
        PyErr_NoMemory();
    } else if (hn == -1) {
        Py_INCREF(Py_None);
        result = Py_None;
    } else {
        PyObject *docs = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)hn * 8);
        PyObject *scores = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)hn * 8);
        if (docs && scores) {
            int64_t *dp = (int64_t *)PyBytes_AS_STRING(docs);
            double *sp = (double *)PyBytes_AS_STRING(scores);
            for (int i = 0; i < hn; i++) {
                dp[i] = heap[i].doc;
                sp[i] = heap[i].score;
            }
            result = PyTuple_Pack(2, docs, scores);
        }
        Py_XDECREF(docs);
        Py_XDECREF(scores);
    }
done:
    free(heap);
    release(T, got);
    PyBuffer_Release(&vt);
    PyBuffer_Release(&vc);
    return result;
}

static PyMethodDef methods[] = {
    {"top", top, METH_VARARGS, "Return the k best documents of a query, or None: see _walk.c."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_walk", "Exact BM25 top-k by a compiled MaxScore walk.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__walk(void) {
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    Damaged = PyErr_NewException("qa.search._walk.Damaged", PyExc_ValueError, NULL);
    if (!Damaged || PyModule_AddObjectRef(m, "Damaged", Damaged) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
