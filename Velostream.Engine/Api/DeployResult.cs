using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Api;

/// <summary>What deploying an application did: the jobs started, or why none was.</summary>
internal sealed record DeployResult(IReadOnlyList<string> Jobs, IReadOnlyList<SqlDiagnostic> Diagnostics, string? Conflict)
{
    /// <summary>Errors counted but not kept (see <see cref="DiagnosticLimits"/>).</summary>
    public int Omitted { get; init; }

    /// <summary>The application's name (its <c>-- @app:</c>, else the file name's stem).</summary>
    public string? Application { get; init; }

    /// <summary>Why a valid application was not deployed although no job was in the way (the registry could not record it).</summary>
    public string? Unavailable { get; init; }

    public bool Succeeded => Diagnostics.Count == 0 && Omitted == 0 && Conflict is null && Unavailable is null;
}
