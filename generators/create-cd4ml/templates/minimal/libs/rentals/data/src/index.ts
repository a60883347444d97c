export { dayType, isHoliday, season } from './rental-calendar.ts';
export { DataValidationError } from './read-rental-table.ts';
export { rentalContract, rentalKeys, rentalRowSchema, type RentalRow } from './rental-table.ts';
export { readProcessedRentals, type ProcessedRentals } from './validate/processed-rentals.ts';
