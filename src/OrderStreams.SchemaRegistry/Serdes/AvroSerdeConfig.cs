namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>Serializer settings, named after Confluent's serializer config keys.</summary>
public sealed record AvroSerdeConfig
{
    /// <summary><c>auto.register.schemas</c>: register the type's schema on first use (default). When false, <see cref="UseSchemaId"/> is required.</summary>
    public bool AutoRegisterSchemas { get; init; } = true;

    /// <summary><c>use.schema.id</c>: a pre-registered schema id to write instead of registering.</summary>
    public int? UseSchemaId { get; init; }

    /// <summary><c>key.subject.name.strategy</c> / <c>value.subject.name.strategy</c>; <see cref="TopicNameStrategy"/> by default.</summary>
    public ISubjectNameStrategy SubjectNameStrategy { get; init; } = TopicNameStrategy.Instance;
}
