namespace Velostream.Engine.Api;

/// <summary>The body of a 400 answer: the first errors in source order and how many more there are.</summary>
internal sealed record ApiErrors(IReadOnlyList<ApiError> Errors, int More);
