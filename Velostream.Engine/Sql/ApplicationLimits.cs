namespace Velostream.Engine.Sql;

/// <summary>
/// How large an application may be, for files (<c>validate</c>, <c>run</c>, <c>serve</c>) and request
/// bodies alike: far above any real application (the trading demo is 6 KB), small enough that
/// checking the largest one takes milliseconds and little memory.
/// </summary>
internal static class ApplicationLimits
{
    public const int MaxBytes = 1024 * 1024;

    public const string TooLargeMessage = "application is larger than 1 MiB (the limit for one application)";
}
