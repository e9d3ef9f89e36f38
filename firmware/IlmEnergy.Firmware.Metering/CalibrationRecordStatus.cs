namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Why a stored calibration record was accepted or refused.</summary>
    public enum CalibrationRecordStatus
    {
        Valid = 0,
        Missing = 1,
        WrongLength = 2,
        BadMagic = 3,
        UnsupportedVersion = 4,
        BadChecksum = 5,
        WrongChip = 6,
        InvalidRatio = 7,
    }
}
