using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Api;

/// <summary>What deploying an application did: the jobs started, or why none was.</summary>
internal sealed record DeployResult(IReadOnlyList<string> Jobs, IReadOnlyList<SqlDiagnostic> Diagnostics, string? Conflict)
{
    /// <summary>Errors counted but not kept (see <see cref="DiagnosticLimits"/>).</summary>
    public int Omitted { get; init; }

    public bool Succeeded => Diagnostics.Count == 0 && Omitted == 0 && Conflict is null;
}
