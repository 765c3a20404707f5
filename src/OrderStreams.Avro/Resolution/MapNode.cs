using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Resolution;

internal sealed class MapNode(ReadNode values) : ReadNode
{
    public override object? Read(ref AvroReader reader)
    {
        var start = reader.Offset;
        var count = reader.ReadBlockCount();
        var map = new Dictionary<string, object?>(Collections.InitialCapacity(count, reader.Remaining, true));
        while (count != 0)
        {
            Collections.CheckCount(count, map.Count, reader.Remaining, true, start);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                map[key] = values.Read(ref reader);
            }

            count = reader.ReadBlockCount();
        }

        return map;
    }

    public override void Skip(ref AvroReader reader)
    {
        var start = reader.Offset;
        var count = reader.ReadBlockCount(out var size);
        while (count != 0)
        {
            if (size >= 0)
            {
                reader.Skip((int)size);
            }
            else
            {
                Collections.CheckCount(count, 0, reader.Remaining, true, start);
                for (var i = 0; i < count; i++)
                {
                    reader.SkipString();
                    values.Skip(ref reader);
                }
            }

            count = reader.ReadBlockCount(out size);
        }
    }
}
