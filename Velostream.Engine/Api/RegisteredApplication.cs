namespace Velostream.Engine.Api;

/// <summary>An application deployed over the API as the registry records it: its SQL, the file name it was posted as, and its running jobs.</summary>
internal sealed record RegisteredApplication(string Name, string File, string Sql, IReadOnlyList<string> Jobs);
