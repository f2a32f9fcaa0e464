using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// One statement of an application: its query, its WITH properties, the annotations written
/// before it and its source text (from the first keyword to before the terminating <c>;</c>).
/// </summary>
internal abstract record Statement(
    SelectQuery Query,
    PropertyList Properties,
    IReadOnlyList<Annotation> Annotations,
    string SourceText,
    SourceLocation Location)
{
    /// <summary>The statement's target (the created stream or table), or null for a bare SELECT.</summary>
    public abstract Identifier? Target { get; }

    /// <summary>The job name: <c>-- @name:</c> when given, else the created stream/table's name, else the INTO sink's, else null.</summary>
    public string? JobName => Annotations.Find("name") ?? (this as InsertStatement)?.Created?.Name ?? Target?.Name;
}
