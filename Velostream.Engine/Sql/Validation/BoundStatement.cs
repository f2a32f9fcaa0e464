using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// A validated statement with everything execution needs resolved: the connector of each source
/// (aligned with <see cref="Sources"/>: FROM, then the joins), the sink (null for a bare SELECT,
/// whose rows go to standard output, and for a CREATE TABLE without one), the job settings and
/// each column reference's binding.
/// </summary>
internal sealed record BoundStatement(
    Statement Statement,
    IReadOnlyList<SourceRef> Sources,
    IReadOnlyList<EndpointConfig> SourceConfigs,
    EndpointConfig? Sink,
    JobSettings Settings,
    IReadOnlyDictionary<ColumnRef, ColumnBinding> Bindings,
    bool IsAggregating);
