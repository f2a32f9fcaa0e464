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
    bool IsAggregating)
{
    /// <summary>
    /// Aligned with <see cref="Sources"/> (or empty): the application's other statement whose output a
    /// source without its own configuration reads; null for a configured source.
    /// </summary>
    public IReadOnlyList<Statement?> Upstream { get; init; } = [];

    /// <summary>
    /// The SELECTs after the first of a UNION ALL, each bound as a statement of its own (its sources,
    /// the statement's sink and settings); empty without UNION ALL.
    /// </summary>
    public IReadOnlyList<BoundStatement> UnionBranches { get; init; } = [];

    /// <summary>The columns this SELECT writes as part of a UNION ALL (named by the first SELECT); null outside one.</summary>
    public UnionOutput? UnionOutput { get; init; }

    /// <summary>Every SELECT the statement runs: itself, then its <see cref="UnionBranches"/>.</summary>
    public IReadOnlyList<BoundStatement> Selects => [this, .. UnionBranches];

    /// <summary>The statement whose output source <paramref name="index"/> reads, or null.</summary>
    public Statement? UpstreamOf(int index) => index < Upstream.Count ? Upstream[index] : null;

    /// <summary>The connector of source <paramref name="index"/>; null when it reads another statement's output.</summary>
    public EndpointConfig? ConfigOf(int index)
    {
        if (UpstreamOf(index) is not null)
        {
            return null;
        }
        var configured = Enumerable.Range(0, index).Count(i => UpstreamOf(i) is null);
        return configured < SourceConfigs.Count ? SourceConfigs[configured] : null;
    }
}
