using System;

namespace OpenClaw.Core.Devices
{
    /// <summary>
    /// A strict read (<see cref="PairedDeviceFields.ReadChecked"/>, <see cref="PairedDeviceFields.Build"/> with
    /// strict) met what a state file's record rules refuse, or what only a parsed tree reads as JSON.parse does (a
    /// duplicated token role). It carries no message: the caller reads the same text again through the exact path
    /// (StateJson and JsonRecords), which either explains the problem in a StateFileInvalid or, where a later
    /// duplicate replaced the odd value, reads it as the gateway does. Never escapes the stores.
    /// </summary>
    internal sealed class NotPlainRecordException : Exception
    {
    }
}
