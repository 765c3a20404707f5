namespace OrderStreams.Streams;

/// <summary>A key of a windowed aggregation: the grouped key and its window [<see cref="Start"/>, <see cref="End"/>) in milliseconds.</summary>
public readonly record struct Windowed<K>(K Key, long Start, long End)
{
    public override string ToString() => $"[{Key}@{Start}/{End}]";
}
