using System.Runtime.InteropServices;

namespace OrderStreams.Native;

/// <summary>
/// The part of RocksDB's C API (rocksdb/c.h, 7.8 and later) we call. An <c>errptr</c> must be 0 on entry; when the
/// call fails it points to a malloc()ed message that must be released with <see cref="Free"/>.
/// </summary>
internal static unsafe partial class RocksDbNative
{
    private const string Library = "librocksdb";

    [LibraryImport(Library, EntryPoint = "rocksdb_free")]
    public static partial void Free(nint pointer);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_create")]
    public static partial nint OptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_options_destroy")]
    public static partial void OptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_create_if_missing")]
    public static partial void OptionsSetCreateIfMissing(nint options, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_write_buffer_size")]
    public static partial void OptionsSetWriteBufferSize(nint options, nuint bytes);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_max_open_files")]
    public static partial void OptionsSetMaxOpenFiles(nint options, int count);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_increase_parallelism")]
    public static partial void OptionsIncreaseParallelism(nint options, int totalThreads);

    /// <summary>Values as in rocksdb/c.h: 0 none, 1 snappy, 4 lz4, 7 zstd.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_compression")]
    public static partial void OptionsSetCompression(nint options, int compression);

    /// <summary>Copies the table options; they may be destroyed afterwards.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_block_based_table_factory")]
    public static partial void OptionsSetBlockBasedTableFactory(nint options, nint tableOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_create")]
    public static partial nint BlockBasedOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_destroy")]
    public static partial void BlockBasedOptionsDestroy(nint tableOptions);

    /// <summary>Shares the cache; the cache handle may be destroyed afterwards.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_block_cache")]
    public static partial void BlockBasedOptionsSetBlockCache(nint tableOptions, nint cache);

    /// <summary>Takes ownership of the policy.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_filter_policy")]
    public static partial void BlockBasedOptionsSetFilterPolicy(nint tableOptions, nint policy);

    [LibraryImport(Library, EntryPoint = "rocksdb_filterpolicy_create_bloom")]
    public static partial nint FilterPolicyCreateBloom(double bitsPerKey);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_create_lru")]
    public static partial nint CacheCreateLru(nuint capacity);

    /// <summary>Releases this reference; databases opened with the cache keep their own.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_cache_destroy")]
    public static partial void CacheDestroy(nint cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_get_usage")]
    public static partial nuint CacheGetUsage(nint cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Open(nint options, string path, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_close")]
    public static partial void Close(nint db);

    [LibraryImport(Library, EntryPoint = "rocksdb_destroy_db", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void DestroyDb(nint options, string path, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_put")]
    public static partial void Put(nint db, nint writeOptions, byte* key, nuint keyLength, byte* value, nuint valueLength, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_delete")]
    public static partial void Delete(nint db, nint writeOptions, byte* key, nuint keyLength, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_write")]
    public static partial void Write(nint db, nint writeOptions, nint batch, ref nint errptr);

    /// <summary>Returns 0 when the key is absent, else a slice to release with <see cref="PinnableSliceDestroy"/>.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_get_pinned")]
    public static partial nint GetPinned(nint db, nint readOptions, byte* key, nuint keyLength, ref nint errptr);

    [LibraryImport(Library, EntryPoint = "rocksdb_pinnableslice_value")]
    [SuppressGCTransition]
    public static partial byte* PinnableSliceValue(nint slice, out nuint length);

    [LibraryImport(Library, EntryPoint = "rocksdb_pinnableslice_destroy")]
    public static partial void PinnableSliceDestroy(nint slice);

    [LibraryImport(Library, EntryPoint = "rocksdb_flush")]
    public static partial void Flush(nint db, nint flushOptions, ref nint errptr);

    /// <summary>Returns 0 for an unknown property, else a malloc()ed C string to release with <see cref="Free"/>.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_property_value", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint PropertyValue(nint db, string name);

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_create")]
    public static partial nint WriteOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_destroy")]
    public static partial void WriteOptionsDestroy(nint writeOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_disable_WAL")]
    public static partial void WriteOptionsDisableWal(nint writeOptions, int disable);

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_create")]
    public static partial nint ReadOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_destroy")]
    public static partial void ReadOptionsDestroy(nint readOptions);

    /// <summary>Keeps a pointer to <paramref name="key"/>, which must outlive the read options.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_set_iterate_lower_bound")]
    public static partial void ReadOptionsSetIterateLowerBound(nint readOptions, byte* key, nuint keyLength);

    /// <summary>Keeps a pointer to <paramref name="key"/>, which must outlive the read options.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_set_iterate_upper_bound")]
    public static partial void ReadOptionsSetIterateUpperBound(nint readOptions, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_flushoptions_create")]
    public static partial nint FlushOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_flushoptions_destroy")]
    public static partial void FlushOptionsDestroy(nint flushOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_flushoptions_set_wait")]
    public static partial void FlushOptionsSetWait(nint flushOptions, byte wait);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_create")]
    public static partial nint WriteBatchCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_destroy")]
    public static partial void WriteBatchDestroy(nint batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_clear")]
    public static partial void WriteBatchClear(nint batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_count")]
    [SuppressGCTransition]
    public static partial int WriteBatchCount(nint batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_put")]
    public static partial void WriteBatchPut(nint batch, byte* key, nuint keyLength, byte* value, nuint valueLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_delete")]
    public static partial void WriteBatchDelete(nint batch, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_create_iterator")]
    public static partial nint CreateIterator(nint db, nint readOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_destroy")]
    public static partial void IterDestroy(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_valid")]
    [SuppressGCTransition]
    public static partial byte IterValid(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek_to_first")]
    public static partial void IterSeekToFirst(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek_to_last")]
    public static partial void IterSeekToLast(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek")]
    public static partial void IterSeek(nint iterator, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek_for_prev")]
    public static partial void IterSeekForPrev(nint iterator, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_next")]
    public static partial void IterNext(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_prev")]
    public static partial void IterPrev(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_key")]
    [SuppressGCTransition]
    public static partial byte* IterKey(nint iterator, out nuint length);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_value")]
    [SuppressGCTransition]
    public static partial byte* IterValue(nint iterator, out nuint length);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_get_error")]
    public static partial void IterGetError(nint iterator, ref nint errptr);
}
