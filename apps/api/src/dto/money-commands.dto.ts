import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length } from 'class-validator';

/** Transport shape only (see sign-agreement.dto.ts); the domain checks the values. */
export class ReversePremiumPaymentDto {
  @ApiProperty({ example: 'SP2D dibatalkan' }) @IsString() @Length(1, 500) reason!: string;
  @ApiProperty({ example: '2025-11-02', format: 'date', description: 'on or after the payment, not in the future' })
  @IsString()
  @Length(10, 10)
  reversedOn!: string;
}

/** Rule 13: at least one field; `incomeFrom` with `declaredIncome`; `correctedNik` withdraws and re-enrols. */
export class CorrectMemberDto {
  @ApiPropertyOptional({ example: 'Maria Ngongo' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: 'nelayan' }) @IsOptional() @IsString() @Length(1, 100) occupation?: string;
  @ApiPropertyOptional({ example: '53.18.01.2001' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  villageCode?: string;
  @ApiPropertyOptional({ type: 'integer', example: 2500000, description: 'whole rupiah, from `incomeFrom` on' })
  @IsOptional()
  @IsInt()
  declaredIncome?: number;
  @ApiPropertyOptional({ example: '2025-11', description: 'first month (YYYY-MM) of the corrected income' })
  @IsOptional()
  @IsString()
  @Length(7, 7)
  incomeFrom?: string;
  @ApiPropertyOptional({
    example: '5318014107900002',
    description:
      'the right NIK: the member is withdrawn from its first covered day (reason nik-correction) and enrolled again under it',
  })
  @IsOptional()
  @IsString()
  @Length(16, 16)
  correctedNik?: string;
  @ApiProperty({ example: 'salah ketik pada data desa' }) @IsString() @Length(1, 500) reason!: string;
}
