using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Resolution;

/// <summary>
/// Compiles the spec's schema resolution for one writer/reader pair into a tree of <see cref="ReadNode"/>s, and
/// collects every incompatibility on the way (the compatibility checker reports them; reading only fails when it
/// meets data that actually needs the missing piece).
/// </summary>
internal sealed class PlanCompiler
{
    private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), ReadNode> _named = [];
    private readonly List<Incompatibility> _incompatibilities = [];

    public IReadOnlyList<Incompatibility> Incompatibilities => _incompatibilities;

    public static (ReadNode Plan, IReadOnlyList<Incompatibility> Incompatibilities) Compile(AvroSchema writer, AvroSchema reader)
    {
        var compiler = new PlanCompiler();
        var plan = compiler.Compile(writer, reader, "$");
        return (plan, compiler.Incompatibilities);
    }

    private ReadNode Compile(AvroSchema writer, AvroSchema reader, string path)
    {
        if (writer is UnionSchema writerUnion)
            return CompileWriterUnion(writerUnion, reader, path);
        if (reader is UnionSchema readerUnion)
        {
            var branch = BestBranch(writer, readerUnion);
            if (branch >= 0)
                return Compile(writer, readerUnion.Branches[branch], path);
            return Fail(path, $"the reader union {readerUnion} has no branch for the writer's '{writer.DisplayName}'", writer);
        }

        switch (writer, reader)
        {
            case (PrimitiveSchema, PrimitiveSchema) when PrimitiveNode.CanRead(writer.Type, reader.Type):
                return new PrimitiveNode(writer.Type, reader.Type);
            case (RecordSchema w, RecordSchema r) when NamesMatch(w, r):
                return CompileRecord(w, r, path);
            case (EnumSchema w, EnumSchema r) when NamesMatch(w, r):
                return CompileEnum(w, r, path);
            case (FixedSchema w, FixedSchema r) when NamesMatch(w, r):
                if (w.Size == r.Size)
                    return new FixedNode(r);
                return Fail(path, $"fixed '{r.FullName}' has size {r.Size}, the writer's has size {w.Size}", writer);
            case (ArraySchema w, ArraySchema r):
                return new ArrayNode(Compile(w.Items, r.Items, path + "[]"), TakesBytes(w.Items));
            case (MapSchema w, MapSchema r):
                return new MapNode(Compile(w.Values, r.Values, path + "{}"));
            case (NamedSchema w, NamedSchema r) when w.Type == r.Type:
                return Fail(path, $"the reader's {Kind(r)} '{r.FullName}' does not match the writer's '{w.FullName}' (names and aliases differ)", writer);
            default:
                return Fail(path, $"the writer's '{writer.DisplayName}' cannot be read as '{reader.DisplayName}'", writer);
        }
    }

    private ReadNode CompileWriterUnion(UnionSchema writer, AvroSchema reader, string path)
    {
        var branches = new ReadNode[writer.Branches.Count];
        for (var i = 0; i < branches.Length; i++)
        {
            var branch = writer.Branches[i];
            if (reader is UnionSchema readerUnion)
            {
                var match = BestBranch(branch, readerUnion);
                branches[i] = match >= 0
                    ? Compile(branch, readerUnion.Branches[match], path)
                    : Fail(path, $"the reader union {readerUnion} has no branch for the writer's '{branch.DisplayName}'", branch);
            }
            else
            {
                branches[i] = Compile(branch, reader, path);
            }
        }

        return new UnionNode(branches);
    }

    private RecordNode CompileRecord(RecordSchema writer, RecordSchema reader, string path)
    {
        if (_named.TryGetValue((writer, reader), out var existing))
            return (RecordNode)existing;
        var node = new RecordNode(reader);
        _named.Add((writer, reader), node);
        var steps = new RecordNode.Step[writer.Fields.Count];
        var matched = new bool[reader.Fields.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            var writerField = writer.Fields[i];
            var readerField = FindReaderField(reader, writerField);
            if (readerField is null)
            {
                steps[i] = new RecordNode.Step(-1, WriterOnly(writerField.Schema));
                continue;
            }

            matched[readerField.Position] = true;
            steps[i] = new RecordNode.Step(readerField.Position, Compile(writerField.Schema, readerField.Schema, path + "." + readerField.Name));
        }

        var defaults = new List<(int, object?)>();
        string? error = null;
        foreach (var field in reader.Fields)
        {
            if (matched[field.Position])
                continue;
            if (field.Default is { } json)
            {
                defaults.Add((field.Position, JsonDatumReader.Read(json, field.Schema, jsonEncoding: false)));
                continue;
            }

            var reason = $"the reader's field '{field.Name}' is not in the writer's '{writer.FullName}' and has no default";
            _incompatibilities.Add(new Incompatibility(path + "." + field.Name, reason));
            error ??= $"{path}.{field.Name}: {reason}";
        }

        node.Complete(steps, [.. defaults], error);
        return node;
    }

    private EnumNode CompileEnum(EnumSchema writer, EnumSchema reader, string path)
    {
        var map = new GenericEnum?[writer.Symbols.Count];
        var missing = new List<string>();
        for (var i = 0; i < map.Length; i++)
        {
            var symbol = writer.Symbols[i];
            if (reader.TryGetIndex(symbol, out var index))
                map[i] = new GenericEnum(reader, index);
            else if (reader.Default is not null)
                map[i] = new GenericEnum(reader, reader.Default);
            else
                missing.Add(symbol);
        }

        if (missing.Count > 0)
            _incompatibilities.Add(new Incompatibility(path, $"the reader's enum '{reader.FullName}' lacks the writer's symbols {string.Join(", ", missing)} and has no default"));
        return new EnumNode(map, [.. writer.Symbols], reader.FullName);
    }

    /// <summary>A plan that can only skip: for writer fields the reader drops.</summary>
    private ReadNode WriterOnly(AvroSchema writer) => new PlanCompiler().Compile(writer, writer, "$");

    private FailNode Fail(string path, string reason, AvroSchema writer)
    {
        _incompatibilities.Add(new Incompatibility(path, reason));
        return new FailNode($"{path}: {reason}", WriterOnly(writer));
    }

    private static RecordField? FindReaderField(RecordSchema reader, RecordField writerField)
    {
        if (reader.TryGetField(writerField.Name, out var field))
            return field;
        foreach (var candidate in reader.Fields)
        {
            if (candidate.Aliases.Contains(writerField.Name))
                return candidate;
        }

        return null;
    }

    /// <summary>The first reader branch of the same type (and name), else the first the writer type promotes to.</summary>
    private static int BestBranch(AvroSchema writer, UnionSchema reader)
    {
        var branches = reader.Branches;
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i].Type == writer.Type && (writer is not NamedSchema w || ((NamedSchema)branches[i]).FullName == w.FullName))
                return i;
        }

        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i].Type == writer.Type && (writer is not NamedSchema w || NamesMatch(w, (NamedSchema)branches[i])))
                return i;
        }

        for (var i = 0; i < branches.Count; i++)
        {
            if (writer is PrimitiveSchema && branches[i] is PrimitiveSchema && PrimitiveNode.CanRead(writer.Type, branches[i].Type))
                return i;
        }

        return -1;
    }

    /// <summary>The spec matches named types by unqualified name; reader aliases also match the writer's name.</summary>
    internal static bool NamesMatch(NamedSchema writer, NamedSchema reader)
    {
        if (writer.Name == reader.Name)
            return true;
        foreach (var alias in reader.Aliases)
        {
            if (alias == writer.FullName || alias[(alias.LastIndexOf('.') + 1)..] == writer.Name)
                return true;
        }

        return false;
    }

    /// <summary>Whether every value of the schema takes at least one byte (bounds block counts by the input size).</summary>
    private static bool TakesBytes(AvroSchema schema) => schema switch
    {
        NullSchema => false,
        FixedSchema f => f.Size > 0,
        RecordSchema r => r.Fields.Any(f => f.Schema is not RecordSchema && TakesBytes(f.Schema)),
        _ => true,
    };

    private static string Kind(NamedSchema schema) => schema.Type.ToString().ToLowerInvariant();
}
