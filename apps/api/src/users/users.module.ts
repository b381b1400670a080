import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { SubgroupsModule } from '../subgroups/subgroups.module';
import { FirstAdminService } from './first-admin.service';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** User accounts and roles (admin API) and the first administrator on an empty database. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), AuthModule, SubgroupsModule],
  controllers: [UsersController],
  providers: [UsersService, FirstAdminService],
  exports: [UsersService],
})
export class UsersModule {}
