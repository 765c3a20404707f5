using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Schemas;

public class SchemaParserTests
{
    private const string Money = """
        {"type":"record","name":"Money","namespace":"orders.common","fields":[
          {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
          {"name":"currency","type":"string","default":"EUR"}]}
        """;

    private const string OrderPlaced = """
        {"type":"record","name":"OrderPlaced","namespace":"orders","doc":"An order was placed.","aliases":["OrderCreated"],
         "fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"},"doc":"Order id."},
          {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"],"default":"NEW"}},
          {"name":"total","type":"orders.common.Money"},
          {"name":"tags","type":{"type":"array","items":"string"},"default":[]},
          {"name":"note","type":["null","string"],"default":null,"order":"ignore","aliases":["comment"]}]}
        """;

    [Fact]
    public void Build_SourcesReferencingEachOther_ResolvesInAnyOrder()
    {
        var parser = new SchemaParser();
        parser.Add("OrderPlaced.avsc", OrderPlaced);
        parser.Add("Money.avsc", Money);

        var set = parser.Build();

        var order = (RecordSchema)set.GetSource("OrderPlaced.avsc");
        Assert.Same(set["orders.common.Money"], order.GetField("total").Schema);
        Assert.Same(set["orders.Status"], order.GetField("status").Schema);
        Assert.Equal("Money.avsc", set.SourceOf("orders.common.Money"));
        Assert.Equal(["orders.OrderPlaced", "orders.Status", "orders.common.Money"], set.NamedSchemas.Keys.Order());
    }

    [Fact]
    public void Parse_RecordAttributes_AreKept()
    {
        var parser = new SchemaParser();
        parser.Add("Money.avsc", Money);
        parser.Add("OrderPlaced.avsc", OrderPlaced);
        var order = (RecordSchema)parser.Build()["orders.OrderPlaced"];

        Assert.Equal("OrderPlaced", order.Name);
        Assert.Equal("orders", order.Namespace);
        Assert.Equal("An order was placed.", order.Doc);
        Assert.Equal(["orders.OrderCreated"], order.Aliases);
        Assert.Equal(LogicalType.Uuid, order.Fields[0].Schema.LogicalType);
        Assert.Equal("Order id.", order.Fields[0].Doc);
        Assert.Equal("NEW", ((EnumSchema)order.GetField("status").Schema).Default);
        var note = order.GetField("note");
        Assert.Equal(4, note.Position);
        Assert.Equal(SortOrder.Ignore, note.Order);
        Assert.Equal(["comment"], note.Aliases);
        Assert.True(note.HasDefault);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, note.Default!.Value.ValueKind);
        Assert.True(((UnionSchema)note.Schema).IsNullable);
    }

    [Fact]
    public void GetDefaultValue_Defaults_AreGenericValues()
    {
        var parser = new SchemaParser();
        parser.Add("Money.avsc", Money);
        parser.Add("OrderPlaced.avsc", OrderPlaced);
        var set = parser.Build();
        var order = (RecordSchema)set["orders.OrderPlaced"];

        Assert.Equal("EUR", ((RecordSchema)set["orders.common.Money"]).GetField("currency").GetDefaultValue());
        Assert.Equal(new List<object?>(), order.GetField("tags").GetDefaultValue());
        Assert.Null(order.GetField("note").GetDefaultValue());
        Assert.Throws<InvalidOperationException>(() => order.GetField("orderId").GetDefaultValue());
    }

    [Fact]
    public void Parse_DecimalLogicalType_KeepsPrecisionAndScale()
    {
        var money = (RecordSchema)AvroSchema.Parse(Money);

        Assert.Equal(LogicalType.Decimal(12, 2), money.Fields[0].Schema.LogicalType);
    }

    [Theory]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}""")]
    [InlineData("""{"type":"string","logicalType":"date"}""")]
    [InlineData("""{"type":"long","logicalType":"made-up"}""")]
    [InlineData("""{"type":"fixed","name":"F","size":2,"logicalType":"decimal","precision":10}""")]
    public void Parse_UnknownOrInvalidLogicalType_IsIgnored(string json)
    {
        var schema = AvroSchema.Parse(json);

        Assert.Null(schema.LogicalType);
        Assert.True(schema.Properties.ContainsKey("logicalType"));
    }

    [Fact]
    public void Parse_ShortNameInsideNamespace_ResolvesToEnclosingNamespace()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"A","namespace":"n","fields":[
              {"name":"b","type":{"type":"fixed","name":"B","size":2}},
              {"name":"c","type":{"type":"record","name":"C","namespace":"","fields":[{"name":"b","type":"n.B"}]}},
              {"name":"d","type":"B"}]}
            """);

        Assert.Equal("n.B", ((FixedSchema)schema.GetField("d").Schema).FullName);
        Assert.Equal("C", ((RecordSchema)schema.GetField("c").Schema).FullName);
    }

    [Fact]
    public void Parse_RecursiveRecord_RefersToItself()
    {
        var node = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""");

        Assert.Same(node, ((UnionSchema)node.Fields[0].Schema).Branches[1]);
    }

    [Fact]
    public void ToJson_ParsedAgain_KeepsEverything()
    {
        var parser = new SchemaParser();
        parser.Add("Money.avsc", Money);
        parser.Add("OrderPlaced.avsc", OrderPlaced);
        var order = parser.Build()["orders.OrderPlaced"];

        var again = (RecordSchema)AvroSchema.Parse(order.ToJson(indented: true));

        Assert.Equal(order.ToJson(), again.ToJson());
        Assert.Equal(order.Fingerprint, again.Fingerprint);
    }

    [Theory]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"Money"}]}""", "$.fields[1].type", "unknown type 'Money'")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a"}]}""", "$.fields[0]", "missing 'type'")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}""", "$.fields[0].default", "invalid default for field 'a'")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":1}]}""", "$.fields[0].default", "invalid default for field 'a'")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"long","default":1.5}]}""", "$.fields[0].default", "invalid default")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":2},"default":"abc"}]}""", "$.fields[0].default", "invalid default")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}""", "$.fields", "two fields named 'a'")]
    [InlineData("""{"type":"record","name":"9R","fields":[]}""", "$", "not a valid Avro name")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","A"]}""", "$", "repeats the symbol 'A'")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"],"default":"B"}""", "$", "default 'B'")]
    [InlineData("""{"type":"fixed","name":"F","size":-1}""", "$.size", "non-negative")]
    [InlineData("""["int","int"]""", "$", "contains 'int' twice")]
    [InlineData("""["null",["int"]]""", "$", "may not directly contain another union")]
    [InlineData("""{"type":"array"}""", "$", "missing 'items'")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]}""", "$.fields[0].order", "invalid order 'up'")]
    [InlineData("42", "$", "expected a type name")]
    public void Parse_InvalidSchema_ThrowsWithSourceAndPath(string json, string path, string reason)
    {
        var e = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(json, "Bad.avsc"));

        Assert.Equal("Bad.avsc", e.SourceName);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(reason, e.Reason);
        Assert.StartsWith($"Bad.avsc: {path}: ", e.Message);
    }

    [Fact]
    public void Parse_UnknownTypeInFourthField_MessageNamesFileAndPath()
    {
        var e = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(
            """{"type":"record","name":"OrderPlaced","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"},{"name":"c","type":"int"},{"name":"d","type":"Money"}]}""",
            "OrderPlaced.avsc"));

        Assert.Equal("OrderPlaced.avsc: $.fields[3].type: unknown type 'Money'", e.Message);
    }

    [Fact]
    public void Parse_WithoutSourceName_MessageStartsWithPath()
    {
        var e = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse("""{"type":"array","items":"Nope"}"""));

        Assert.Null(e.SourceName);
        Assert.Equal("$.items: unknown type 'Nope'", e.Message);
    }

    [Fact]
    public void Add_InvalidJson_ThrowsSchemaException()
    {
        var parser = new SchemaParser();

        var e = Assert.Throws<AvroSchemaException>(() => parser.Add("Broken.avsc", "{\"type\":"));

        Assert.Equal("Broken.avsc", e.SourceName);
        Assert.Contains("invalid JSON", e.Message);
    }

    [Fact]
    public void Build_TypeDefinedInTwoSources_ThrowsNamingBoth()
    {
        var parser = new SchemaParser();
        parser.Add("A.avsc", """{"type":"enum","name":"x.E","symbols":["A"]}""");
        parser.Add("B.avsc", """{"type":"enum","name":"x.E","symbols":["B"]}""");

        var e = Assert.Throws<AvroSchemaException>(() => parser.Build());

        Assert.Equal("B.avsc", e.SourceName);
        Assert.Contains("'x.E' is already defined in 'A.avsc'", e.Message);
    }

    [Fact]
    public void AddNamed_ReferencedFromSource_Resolves()
    {
        var money = (NamedSchema)AvroSchema.Parse(Money);
        var parser = new SchemaParser();
        parser.AddNamed(money);
        parser.Add("Order.avsc", """{"type":"record","name":"Order","fields":[{"name":"total","type":"orders.common.Money"}]}""");

        var order = (RecordSchema)parser.Build().GetSource("Order.avsc");

        Assert.Same(money, order.Fields[0].Schema);
    }

    [Fact]
    public void Parse_RecordDefaultOmittingFieldWithDefault_IsValid()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"R","fields":[
              {"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"x"}]},
               "default":{"a":1}}]}
            """);

        Assert.True(schema.Fields[0].HasDefault);
    }
}
