namespace Velostream.Engine.Api;

/// <summary>One located problem in a posted application (1-based line and column).</summary>
internal sealed record ApiError(string File, int Line, int Column, string Message);
