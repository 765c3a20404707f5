using OrderStreams.Avro.Resolution;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Resolution;

public class SchemaCompatibilityTests
{
    private static readonly AvroSchema V1 = Record("""{"name":"id","type":"string"}""");
    private static readonly AvroSchema V2AddedWithDefault = Record("""{"name":"id","type":"string"},{"name":"note","type":["null","string"],"default":null}""");
    private static readonly AvroSchema V3AddedWithoutDefault = Record("""{"name":"id","type":"string"},{"name":"note","type":["null","string"],"default":null},{"name":"branch","type":"int"}""");
    private static readonly AvroSchema V2RemovedId = Record("""{"name":"note","type":["null","string"],"default":null}""");

    [Fact]
    public void Check_AddedFieldWithDefault_IsCompatibleBothWays()
    {
        Assert.True(SchemaCompatibility.Check(V2AddedWithDefault, V1).IsCompatible);
        Assert.True(SchemaCompatibility.Check(V1, V2AddedWithDefault).IsCompatible);
    }

    [Fact]
    public void Check_AddedFieldWithoutDefault_ReportsPathAndReason()
    {
        var result = SchemaCompatibility.Check(V3AddedWithoutDefault, V1);

        var incompatibility = Assert.Single(result.Incompatibilities);
        Assert.Equal("$.branch", incompatibility.Path);
        Assert.Contains("has no default", incompatibility.Reason);
        Assert.StartsWith("$.branch: the reader's field 'branch'", result.ToString());
    }

    [Theory]
    [InlineData("\"int\"", "\"string\"", "the writer's 'int' cannot be read as 'string'")]
    [InlineData("\"long\"", "\"int\"", "the writer's 'long' cannot be read as 'int'")]
    [InlineData("\"double\"", "\"float\"", "cannot be read as 'float'")]
    [InlineData("""{"type":"array","items":"long"}""", """{"type":"array","items":"int"}""", "cannot be read as 'int'")]
    [InlineData("""{"type":"map","values":"string"}""", """{"type":"array","items":"string"}""", "'map' cannot be read as 'array'")]
    [InlineData("""["int","string"]""", """["int"]""", "has no branch for the writer's 'string'")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", """{"type":"enum","name":"E","symbols":["A"]}""", "lacks the writer's symbols B")]
    public void Check_IncompatibleChange_ExplainsWhy(string writer, string reader, string reason)
    {
        var result = SchemaCompatibility.Check(AvroSchema.Parse(reader), AvroSchema.Parse(writer));

        Assert.False(result.IsCompatible);
        Assert.Contains(result.Incompatibilities, i => i.Reason.Contains(reason));
    }

    [Theory]
    [InlineData("\"int\"", "\"long\"")]
    [InlineData("\"string\"", "\"bytes\"")]
    [InlineData("\"int\"", """["null","int"]""")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", """{"type":"enum","name":"E","symbols":["A","Z"],"default":"Z"}""")]
    public void Check_CompatibleChange_HasNoIncompatibilities(string writer, string reader)
    {
        Assert.True(SchemaCompatibility.Check(AvroSchema.Parse(reader), AvroSchema.Parse(writer)).IsCompatible);
    }

    [Fact]
    public void Check_NestedRecordProblem_PathFollowsFields()
    {
        var writer = AvroSchema.Parse("""{"type":"record","name":"O","fields":[{"name":"c","type":{"type":"record","name":"C","fields":[{"name":"zip","type":"int"}]}}]}""");
        var reader = AvroSchema.Parse("""{"type":"record","name":"O","fields":[{"name":"c","type":{"type":"record","name":"C","fields":[{"name":"zip","type":"string"}]}}]}""");

        Assert.Equal("$.c.zip", Assert.Single(SchemaCompatibility.Check(reader, writer).Incompatibilities).Path);
    }

    [Theory]
    [InlineData(CompatibilityMode.None, true)]
    [InlineData(CompatibilityMode.Backward, false)]
    [InlineData(CompatibilityMode.Forward, true)]
    [InlineData(CompatibilityMode.Full, false)]
    public void Check_AddingRequiredField_DependsOnMode(CompatibilityMode mode, bool compatible)
    {
        Assert.Equal(compatible, SchemaCompatibility.Check(V3AddedWithoutDefault, [V1, V2AddedWithDefault], mode).IsCompatible);
    }

    [Theory]
    [InlineData(CompatibilityMode.Backward, true)]
    [InlineData(CompatibilityMode.Forward, false)]
    [InlineData(CompatibilityMode.Full, false)]
    public void Check_RemovingRequiredField_DependsOnMode(CompatibilityMode mode, bool compatible)
    {
        Assert.Equal(compatible, SchemaCompatibility.Check(V2RemovedId, [V1], mode).IsCompatible);
    }

    [Fact]
    public void Check_Transitive_ComparesWithEveryVersion()
    {
        // v1 has a required 'branch'; v2 dropped it; v3 drops nothing more: v3 can read v2 but v1 cannot read v3.
        var v1 = Record("""{"name":"id","type":"string"},{"name":"branch","type":"int"}""");
        var v2 = Record("""{"name":"id","type":"string"}""");
        var v3 = Record("""{"name":"id","type":"string"},{"name":"note","type":"string","default":""}""");

        Assert.True(SchemaCompatibility.Check(v3, [v1, v2], CompatibilityMode.Forward).IsCompatible);
        var transitive = SchemaCompatibility.Check(v3, [v1, v2], CompatibilityMode.ForwardTransitive);

        var incompatibility = Assert.Single(transitive.Incompatibilities);
        Assert.StartsWith("version 1 reading the new schema: ", incompatibility.Reason);
        Assert.Equal("$.branch", incompatibility.Path);
    }

    [Fact]
    public void Check_BackwardTransitive_ReportsEachFailingVersion()
    {
        var v1 = Record("""{"name":"id","type":"int"}""");
        var v2 = Record("""{"name":"id","type":"int"},{"name":"x","type":"int","default":0}""");
        var v3 = Record("""{"name":"id","type":"string"},{"name":"x","type":"int","default":0}""");

        var result = SchemaCompatibility.Check(v3, [v1, v2], CompatibilityMode.BackwardTransitive);

        Assert.Equal(["new schema reading version 2", "new schema reading version 1"], result.Incompatibilities.Select(i => i.Reason.Split(':')[0]));
    }

    [Fact]
    public void Check_NoPreviousVersions_IsCompatible()
    {
        Assert.True(SchemaCompatibility.Check(V1, [], CompatibilityMode.FullTransitive).IsCompatible);
    }

    [Theory]
    [InlineData("NONE", CompatibilityMode.None)]
    [InlineData("BACKWARD", CompatibilityMode.Backward)]
    [InlineData("backward_transitive", CompatibilityMode.BackwardTransitive)]
    [InlineData("FORWARD_TRANSITIVE", CompatibilityMode.ForwardTransitive)]
    [InlineData("FULL_TRANSITIVE", CompatibilityMode.FullTransitive)]
    public void TryParseMode_RegistryName_RoundTrips(string text, CompatibilityMode expected)
    {
        Assert.True(SchemaCompatibility.TryParseMode(text, out var mode));
        Assert.Equal(expected, mode);
        Assert.Equal(text.ToUpperInvariant(), SchemaCompatibility.FormatMode(mode));
    }

    [Theory]
    [InlineData("SIDEWAYS")]
    [InlineData("7")]
    public void TryParseMode_UnknownName_ReturnsFalse(string text)
    {
        Assert.False(SchemaCompatibility.TryParseMode(text, out _));
    }

    private static AvroSchema Record(string fields) => AvroSchema.Parse($$"""{"type":"record","name":"Order","namespace":"t","fields":[{{fields}}]}""");
}
