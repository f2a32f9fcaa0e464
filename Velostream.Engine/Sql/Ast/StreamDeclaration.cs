using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// <c>CREATE STREAM name WITH (…)</c> without AS SELECT: declares how the source or sink <c>name</c>
/// is reached, for the statements that read or write it. Not a job of its own.
/// </summary>
internal sealed record StreamDeclaration(Identifier Name, PropertyList Properties, SourceLocation Location);
