using System.Security.Cryptography;
using System.Text;

namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>
/// A schema's GUID, derived as Confluent derives it: the MD5 of the schema text followed by its metadata (keys and
/// values in ordinal order), written as a UUID. The same schema and metadata always get the same GUID, so it needs no
/// storing and survives restarts; equal schemas under two subjects share it, as they share the id.
/// </summary>
internal static class SchemaGuid
{
    public static string Of(string schema, SchemaMetadata? metadata)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Append(md5, schema);
        if (metadata is not null)
        {
            md5.AppendData([1]); // tells "no metadata" from empty metadata, as Confluent does
            foreach (var (path, tags) in Ordered(metadata.Tags))
            {
                Append(md5, path);
                foreach (var tag in tags.Distinct().Order(StringComparer.Ordinal)) Append(md5, tag);
            }
            foreach (var (key, value) in Ordered(metadata.Properties))
            {
                Append(md5, key);
                Append(md5, value);
            }
            foreach (var name in (metadata.Sensitive ?? []).Distinct().Order(StringComparer.Ordinal)) Append(md5, name);
        }
        return new Guid(md5.GetHashAndReset(), bigEndian: true).ToString();
    }

    private static IEnumerable<KeyValuePair<string, T>> Ordered<T>(Dictionary<string, T>? map) =>
        (map ?? []).OrderBy(entry => entry.Key, StringComparer.Ordinal);

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}
