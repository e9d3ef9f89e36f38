using System;

namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// Per-device conversion constants from the chip's raw domain to integer units, one <see cref="Ratio"/>
    /// per channel (unit = raw × Numerator / Denominator). Raw domains:
    /// <list type="bullet">
    /// <item>BL0942: register counts (V_RMS, I_RMS, |WATT|) and CF_CNT pulses.</item>
    /// <item>CSE7766: µV, µA, µW computed from the frame's own coefficient/cycle pairs, and µJ of energy
    /// (CF pulses × power coefficient). The chip is factory calibrated, so defaults are plain unit changes.</item>
    /// <item>BL0937: CF1/CF frequencies in mHz, and CF pulses.</item>
    /// </list>
    /// Immutable: calibrating returns a new instance. Serialised as a 40-byte record for flash:
    /// "IC", version, chip, flags, 0, eight int32 LE (V, I, P, E numerator/denominator), CRC-16 LE.
    /// </summary>
    public sealed class Calibration
    {
        public const byte RecordVersion = 1;
        public const int RecordLength = 40;

        private const byte MagicI = 0x49; // 'I'
        private const byte MagicC = 0x43; // 'C'
        private const byte FlagReferenceCalibrated = 0x01;

        public Calibration(MeterChip chip, Ratio voltage, Ratio current, Ratio power, Ratio energy, bool isReferenceCalibrated)
        {
            if (!voltage.IsValid || !current.IsValid || !power.IsValid || !energy.IsValid)
            {
                throw new ArgumentException("every calibration ratio must be positive");
            }

            Chip = chip;
            Voltage = voltage;
            Current = current;
            Power = power;
            Energy = energy;
            IsReferenceCalibrated = isReferenceCalibrated;
        }

        public MeterChip Chip { get; }

        /// <summary>mV per raw voltage unit.</summary>
        public Ratio Voltage { get; }

        /// <summary>mA per raw current unit.</summary>
        public Ratio Current { get; }

        /// <summary>mW per raw power unit.</summary>
        public Ratio Power { get; }

        /// <summary>mWh per raw energy unit.</summary>
        public Ratio Energy { get; }

        /// <summary>False while the chip defaults are in use: readings then carry <see cref="ReadingFlags.Uncalibrated"/>.</summary>
        public bool IsReferenceCalibrated { get; }

        public long ToMilliVolts(long raw) => Voltage.Apply(raw);

        public long ToMilliAmps(long raw) => Current.Apply(raw);

        public long ToMilliWatts(long raw) => Power.Apply(raw);

        public long ToMilliWattHours(long raw) => Energy.Apply(raw);

        /// <summary>Datasheet/reference-firmware constants for a chip (BL0937: ESPHome's default circuit).</summary>
        public static Calibration DefaultsFor(MeterChip chip)
        {
            switch (chip)
            {
                case MeterChip.Bl0942:
                    // Tasmota's consistent set (V·I ≈ P on real frames): UREF 15187 counts/V,
                    // IREF 251213 counts/A, PREF 596 counts/W. Energy per CF_CNT count from ESPHome's
                    // derivation EREF = PREF × 3 600 000 / 419 430.4 counts/kWh, i.e. 4 194 304 / (36 × PREF) mWh.
                    return new Calibration(
                        chip,
                        new Ratio(1000, 15187),
                        new Ratio(1000, 251213),
                        new Ratio(1000, 596),
                        Ratio.FromLongs(4194304, 36 * 596),
                        false);
                case MeterChip.Cse7766:
                    // Raw values are already micro-units; energy raw is µJ and 1 mWh = 3 600 000 µJ.
                    return new Calibration(chip, new Ratio(1, 1000), new Ratio(1, 1000), new Ratio(1, 1000), new Ratio(1, 3600000), false);
                case MeterChip.Bl0937:
                    return ForBl0937Circuit(1000, 2351000);
                default:
                    throw new ArgumentException("no defaults for this chip", nameof(chip));
            }
        }

        /// <summary>
        /// BL0937 defaults from the board's shunt and voltage divider (ESPHome hlw8012 multipliers, Vref 1.218 V):
        /// W/Hz = Vref²·Vdiv/R/1 721 506, A/Hz = Vref/R/94 638, V/Hz = Vref·Vdiv/15 397. With raw values in mHz,
        /// W/Hz equals mW/mHz, so each multiplier is directly a ratio.
        /// </summary>
        /// <param name="shuntMicroOhms">Shunt resistance in µΩ (0.001 Ω = 1000).</param>
        /// <param name="voltageDividerMilli">Voltage divider ratio × 1000 (1830 = 1 830 000).</param>
        public static Calibration ForBl0937Circuit(long shuntMicroOhms, long voltageDividerMilli)
        {
            if (shuntMicroOhms <= 0 || voltageDividerMilli <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shuntMicroOhms), "shunt and divider must be positive");
            }

            const long VrefSquaredMicro = 1218L * 1218L; // (1.218 V)² × 10⁶
            Ratio power = Ratio.FromLongs(VrefSquaredMicro * voltageDividerMilli, shuntMicroOhms * 1721506L * 1000L);
            Ratio current = Ratio.FromLongs(1218L * 1000L, shuntMicroOhms * 94638L);
            Ratio voltage = Ratio.FromLongs(1218L * voltageDividerMilli, 15397L * 1000000L);

            // mWh per CF pulse = (W per Hz) × 1000 / 3600.
            Ratio energy = power.Times(new Ratio(1000, 3600));
            return new Calibration(MeterChip.Bl0937, voltage, current, power, energy, false);
        }

        /// <summary>
        /// Computes new constants from a reference load (each ratio = true / raw, as ESPHome's and Tasmota's
        /// "ref = raw / true" inverted). Throws ArgumentException naming the problem when the measurement
        /// fails <see cref="ReferenceMeasurement.Check"/>.
        /// </summary>
        public Calibration CalibrateWith(ReferenceMeasurement m)
        {
            ReferenceCheck check = m.Check();
            if (check != ReferenceCheck.Ok)
            {
                throw new ArgumentException("reference measurement refused: " + DescribeCheck(check), nameof(m));
            }

            Ratio voltage = Ratio.FromLongs(m.TrueVoltageMilliVolts, m.RawVoltage);
            Ratio current = Ratio.FromLongs(m.TrueCurrentMilliAmps, m.RawCurrent);
            Ratio power = Ratio.FromLongs(m.TruePowerMilliWatts, m.RawPower);

            Ratio energy;
            if (m.RawEnergyDelta > 0)
            {
                // mWh delivered = P(mW) × t(ms) / 3 600 000, spread over the raw counts seen.
                energy = Ratio.FromLongs(m.TruePowerMilliWatts * m.ElapsedMs, m.RawEnergyDelta * 3600000L);
            }
            else
            {
                // Scale by the power correction new/old: energy pulses integrate the same power signal.
                Ratio correction = power.Times(new Ratio(Power.Denominator, Power.Numerator));
                energy = Energy.Times(correction);
            }

            return new Calibration(Chip, voltage, current, power, energy, true);
        }

        /// <summary>The 40-byte flash record (see class summary).</summary>
        public byte[] ToRecord()
        {
            byte[] record = new byte[RecordLength];
            record[0] = MagicI;
            record[1] = MagicC;
            record[2] = RecordVersion;
            record[3] = (byte)Chip;
            record[4] = IsReferenceCalibrated ? FlagReferenceCalibrated : (byte)0;
            record[5] = 0;
            WriteInt32(record, 6, Voltage.Numerator);
            WriteInt32(record, 10, Voltage.Denominator);
            WriteInt32(record, 14, Current.Numerator);
            WriteInt32(record, 18, Current.Denominator);
            WriteInt32(record, 22, Power.Numerator);
            WriteInt32(record, 26, Power.Denominator);
            WriteInt32(record, 30, Energy.Numerator);
            WriteInt32(record, 34, Energy.Denominator);
            int crc = Crc16.Compute(record, 0, RecordLength - 2);
            record[38] = (byte)(crc & 0xFF);
            record[39] = (byte)(crc >> 8);
            return record;
        }

        /// <summary>Validates a stored record for <paramref name="chip"/> without building anything.</summary>
        public static CalibrationRecordStatus CheckRecord(byte[] record, MeterChip chip)
        {
            if (record == null || record.Length == 0)
            {
                return CalibrationRecordStatus.Missing;
            }

            if (record.Length != RecordLength)
            {
                return CalibrationRecordStatus.WrongLength;
            }

            if (record[0] != MagicI || record[1] != MagicC)
            {
                return CalibrationRecordStatus.BadMagic;
            }

            if (record[2] != RecordVersion)
            {
                return CalibrationRecordStatus.UnsupportedVersion;
            }

            int stored = record[38] | (record[39] << 8);
            if (stored != Crc16.Compute(record, 0, RecordLength - 2))
            {
                return CalibrationRecordStatus.BadChecksum;
            }

            if (record[3] != (byte)chip)
            {
                return CalibrationRecordStatus.WrongChip;
            }

            for (int offset = 6; offset < 38; offset += 4)
            {
                if (ReadInt32(record, offset) <= 0)
                {
                    return CalibrationRecordStatus.InvalidRatio;
                }
            }

            return CalibrationRecordStatus.Valid;
        }

        /// <summary>
        /// The stored constants when the record is valid for the chip of <paramref name="defaults"/>,
        /// otherwise <paramref name="defaults"/> (which are uncalibrated, so readings say so).
        /// </summary>
        public static Calibration FromRecordOrDefaults(byte[] record, Calibration defaults)
        {
            if (CheckRecord(record, defaults.Chip) != CalibrationRecordStatus.Valid)
            {
                return defaults;
            }

            return new Calibration(
                defaults.Chip,
                new Ratio(ReadInt32(record, 6), ReadInt32(record, 10)),
                new Ratio(ReadInt32(record, 14), ReadInt32(record, 18)),
                new Ratio(ReadInt32(record, 22), ReadInt32(record, 26)),
                new Ratio(ReadInt32(record, 30), ReadInt32(record, 34)),
                (record[4] & FlagReferenceCalibrated) != 0);
        }

        private static string DescribeCheck(ReferenceCheck check)
        {
            switch (check)
            {
                case ReferenceCheck.NonPositiveTrueValue: return "a reference value is not positive";
                case ReferenceCheck.NonPositiveRawValue: return "a raw chip value is not positive (is the load on?)";
                case ReferenceCheck.NotResistive: return "true power differs from V x I by more than 3 % (use a resistive load)";
                case ReferenceCheck.TooFewEnergyCounts: return "too few energy counts or no elapsed time";
                default: return "unknown";
            }
        }

        private static void WriteInt32(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        private static int ReadInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24);
        }
    }
}
