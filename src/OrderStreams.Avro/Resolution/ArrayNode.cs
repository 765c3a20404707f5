using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Resolution;

internal sealed class ArrayNode(ReadNode items, bool itemsTakeBytes) : ReadNode
{
    public override object? Read(ref AvroReader reader)
    {
        var start = reader.Offset;
        var count = reader.ReadBlockCount();
        var list = new List<object?>(Collections.InitialCapacity(count, reader.Remaining, itemsTakeBytes));
        while (count != 0)
        {
            Collections.CheckCount(count, list.Count, reader.Remaining, itemsTakeBytes, start);
            for (var i = 0; i < count; i++)
                list.Add(items.Read(ref reader));
            count = reader.ReadBlockCount();
        }

        return list;
    }

    public override void Skip(ref AvroReader reader)
    {
        var start = reader.Offset;
        var count = reader.ReadBlockCount(out var size);
        var total = 0;
        while (count != 0)
        {
            if (size >= 0)
            {
                reader.Skip((int)size);
            }
            else
            {
                Collections.CheckCount(count, total, reader.Remaining, itemsTakeBytes, start);
                for (var i = 0; i < count; i++)
                    items.Skip(ref reader);
                total += count;
            }

            count = reader.ReadBlockCount(out size);
        }
    }
}
