namespace OrderStreams.Avro.Resolution;

/// <summary>Schema evolution rules with Confluent Schema Registry semantics.</summary>
public enum CompatibilityMode
{
    /// <summary>Anything goes.</summary>
    None,

    /// <summary>The new schema can read data written with the latest previous version.</summary>
    Backward,

    /// <summary>The latest previous version can read data written with the new schema.</summary>
    Forward,

    /// <summary>Both <see cref="Backward"/> and <see cref="Forward"/>.</summary>
    Full,

    /// <summary>The new schema can read data written with every previous version.</summary>
    BackwardTransitive,

    /// <summary>Every previous version can read data written with the new schema.</summary>
    ForwardTransitive,

    /// <summary>Both transitive directions.</summary>
    FullTransitive,
}
