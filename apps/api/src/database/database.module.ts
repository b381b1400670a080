import { Global, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeNotices } from './change-notices';
import { dataSourceOptions } from './data-source';
import { DatabaseRuntime } from './database-runtime';

/** Closes the embedded database after the DataSource, whatever order Nest runs the hooks in. */
@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: DatabaseRuntime,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.runtime.close();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(runtime: DatabaseRuntime): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(runtime), autoLoadEntities: true, retryAttempts: 1 }),
        }),
      ],
      providers: [{ provide: DatabaseRuntime, useValue: runtime }, DatabaseShutdown, ChangeNotices],
      exports: [DatabaseRuntime, ChangeNotices],
    };
  }
}
