import ctypes, sys, os
lib = ctypes.CDLL(sys.argv[1])
vp, sz = ctypes.c_void_p, ctypes.c_size_t
for name, res, args in [
    ("rocksdb_options_create", vp, []), ("rocksdb_options_set_create_if_missing", None, [vp, ctypes.c_ubyte]),
    ("rocksdb_options_set_compression", None, [vp, ctypes.c_int]), ("rocksdb_options_set_write_buffer_size", None, [vp, sz]),
    ("rocksdb_block_based_options_create", vp, []), ("rocksdb_cache_create_lru", vp, [sz]),
    ("rocksdb_block_based_options_set_block_cache", None, [vp, vp]), ("rocksdb_filterpolicy_create_bloom", vp, [ctypes.c_double]),
    ("rocksdb_block_based_options_set_filter_policy", None, [vp, vp]), ("rocksdb_options_set_block_based_table_factory", None, [vp, vp]),
    ("rocksdb_open", vp, [vp, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]),
    ("rocksdb_writeoptions_create", vp, []), ("rocksdb_writeoptions_disable_WAL", None, [vp, ctypes.c_int]),
    ("rocksdb_put", None, [vp, vp, ctypes.c_char_p, sz, ctypes.c_char_p, sz, ctypes.POINTER(ctypes.c_char_p)]),
    ("rocksdb_delete", None, [vp, vp, ctypes.c_char_p, sz, ctypes.POINTER(ctypes.c_char_p)]),
    ("rocksdb_flushoptions_create", vp, []), ("rocksdb_flushoptions_set_wait", None, [vp, ctypes.c_ubyte]),
    ("rocksdb_flush", None, [vp, vp, ctypes.POINTER(ctypes.c_char_p)]), ("rocksdb_close", None, [vp])]:
    f = getattr(lib, name); f.restype = res; f.argtypes = args
err = ctypes.c_char_p()
def check():
    if err.value: sys.exit(err.value.decode())
o = lib.rocksdb_options_create(); lib.rocksdb_options_set_create_if_missing(o, 1); lib.rocksdb_options_set_compression(o, 4)
lib.rocksdb_options_set_write_buffer_size(o, 16 << 20)
t = lib.rocksdb_block_based_options_create(); lib.rocksdb_block_based_options_set_block_cache(t, lib.rocksdb_cache_create_lru(8 << 20))
lib.rocksdb_block_based_options_set_filter_policy(t, lib.rocksdb_filterpolicy_create_bloom(10.0)); lib.rocksdb_options_set_block_based_table_factory(o, t)
db = lib.rocksdb_open(o, sys.argv[2].encode(), ctypes.byref(err)); check()
w = lib.rocksdb_writeoptions_create(); lib.rocksdb_writeoptions_disable_WAL(w, 1)
fo = lib.rocksdb_flushoptions_create(); lib.rocksdb_flushoptions_set_wait(fo, 1)
def put(k, v): lib.rocksdb_put(db, w, k, len(k), v, len(v), ctypes.byref(err)); check()
for i in range(1000): put(b"key-%04d" % i, b"value-%d" % i)
lib.rocksdb_flush(db, fo, ctypes.byref(err)); check()
for i in range(500, 510): lib.rocksdb_delete(db, w, b"key-%04d" % i, 8, ctypes.byref(err)); check()
for i in range(0, 1000, 100): put(b"key-%04d" % i, b"updated-%d" % i)
lib.rocksdb_flush(db, fo, ctypes.byref(err)); check()
lib.rocksdb_close(db)
print("written")
