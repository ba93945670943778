namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets netstandard2.0 code declare init-only properties (records, <c>with</c>): the compiler needs this type
    /// by name and the target framework does not ship it.
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
